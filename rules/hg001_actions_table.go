package rules

// actionTable lists, per rule set, the actions HAProxy knows, as a bit set
// of versions (1: HAProxy 2.6, from the lists haproxy 2.6.12 prints for an
// unknown action; 2: HAProxy 3.2, from the actions matrix of the 3.2 manual,
// §4.3). "name(arg)" actions are listed by name, "track-scN" as "track-sc";
// "ot-group" depends on a build option and counts as known everywhere.
var actionTable = map[string]map[string]uint8{
	"tcp-request connection": {
		"accept": 3, "capture": 1, "do-log": 2, "expect-netscaler-cip": 3, "expect-proxy": 3, "ot-group": 3,
		"reject": 3, "sc-add-gpc": 2, "sc-inc-gpc": 3, "sc-inc-gpc0": 3, "sc-inc-gpc1": 3, "sc-set-gpt": 3,
		"sc-set-gpt0": 3, "set-dst": 3, "set-dst-port": 3, "set-fc-mark": 2, "set-fc-tos": 2, "set-mark": 3,
		"set-src": 3, "set-src-port": 3, "set-tos": 3, "set-var": 3, "set-var-fmt": 3, "silent-drop": 3,
		"track-sc": 3, "unset-var": 3,
	},
	"tcp-request session": {
		"accept": 3, "attach-srv": 2, "capture": 1, "do-log": 2, "expect-netscaler-cip": 1, "expect-proxy": 1,
		"ot-group": 3, "reject": 3, "sc-add-gpc": 2, "sc-inc-gpc": 3, "sc-inc-gpc0": 3, "sc-inc-gpc1": 3,
		"sc-set-gpt": 3, "sc-set-gpt0": 3, "set-dst": 3, "set-dst-port": 3, "set-fc-mark": 2, "set-fc-tos": 2,
		"set-mark": 3, "set-src": 3, "set-src-port": 3, "set-tos": 3, "set-var": 3, "set-var-fmt": 3,
		"silent-drop": 3, "track-sc": 3, "unset-var": 3,
	},
	"tcp-request content": {
		"accept": 3, "capture": 3, "do-log": 2, "do-resolve": 3, "expect-netscaler-cip": 1, "expect-proxy": 1,
		"ot-group": 3, "reject": 3, "sc-add-gpc": 2, "sc-inc-gpc": 3, "sc-inc-gpc0": 3, "sc-inc-gpc1": 3,
		"sc-set-gpt": 3, "sc-set-gpt0": 3, "send-spoe-group": 3, "set-bandwidth-limit": 2, "set-bc-mark": 2,
		"set-bc-tos": 2, "set-dst": 3, "set-dst-port": 3, "set-fc-mark": 2, "set-fc-tos": 2, "set-log-level": 3,
		"set-mark": 3, "set-nice": 3, "set-priority-class": 3, "set-priority-offset": 3, "set-retries": 2,
		"set-src": 3, "set-src-port": 3, "set-tos": 3, "set-var": 3, "set-var-fmt": 3, "silent-drop": 3,
		"switch-mode": 3, "track-sc": 3, "unset-var": 3, "use-service": 3,
	},
	"tcp-response content": {
		"accept": 3, "close": 3, "do-log": 2, "ot-group": 3, "reject": 3, "sc-add-gpc": 2, "sc-inc-gpc": 3,
		"sc-inc-gpc0": 3, "sc-inc-gpc1": 3, "sc-set-gpt": 3, "sc-set-gpt0": 3, "send-spoe-group": 3,
		"set-bandwidth-limit": 2, "set-fc-mark": 2, "set-fc-tos": 2, "set-log-level": 3, "set-mark": 3,
		"set-nice": 3, "set-tos": 3, "set-var": 3, "set-var-fmt": 3, "silent-drop": 3, "unset-var": 3,
	},
	"http-request": {
		"add-acl": 3, "add-header": 3, "allow": 3, "auth": 3, "cache-use": 3, "capture": 3, "del-acl": 3,
		"del-header": 3, "del-map": 3, "deny": 3, "disable-l7-retry": 3, "do-log": 2, "do-resolve": 3,
		"early-hint": 3, "normalize-uri": 3, "ot-group": 3, "pause": 2, "redirect": 3, "reject": 3,
		"replace-header": 3, "replace-path": 3, "replace-pathq": 3, "replace-uri": 3, "replace-value": 3,
		"return": 3, "sc-add-gpc": 2, "sc-inc-gpc": 3, "sc-inc-gpc0": 3, "sc-inc-gpc1": 3, "sc-set-gpt": 3,
		"sc-set-gpt0": 3, "send-spoe-group": 3, "set-bandwidth-limit": 2, "set-bc-mark": 2, "set-bc-tos": 2,
		"set-dst": 3, "set-dst-port": 3, "set-fc-mark": 2, "set-fc-tos": 2, "set-header": 3, "set-log-level": 3,
		"set-map": 3, "set-mark": 3, "set-method": 3, "set-nice": 3, "set-path": 3, "set-pathq": 3,
		"set-priority-class": 3, "set-priority-offset": 3, "set-query": 3, "set-retries": 2, "set-src": 3,
		"set-src-port": 3, "set-timeout": 3, "set-tos": 3, "set-uri": 3, "set-var": 3, "set-var-fmt": 3,
		"silent-drop": 3, "strict-mode": 3, "tarpit": 3, "track-sc": 3, "unset-var": 3, "use-service": 3,
		"wait-for-body": 3, "wait-for-handshake": 3,
	},
	"http-response": {
		"add-acl": 3, "add-header": 3, "allow": 3, "cache-store": 3, "capture": 3, "del-acl": 3, "del-header": 3,
		"del-map": 3, "deny": 3, "do-log": 2, "ot-group": 3, "pause": 2, "redirect": 3, "replace-header": 3,
		"replace-value": 3, "return": 3, "sc-add-gpc": 2, "sc-inc-gpc": 3, "sc-inc-gpc0": 3, "sc-inc-gpc1": 3,
		"sc-set-gpt": 3, "sc-set-gpt0": 3, "send-spoe-group": 3, "set-bandwidth-limit": 2, "set-fc-mark": 2,
		"set-fc-tos": 2, "set-header": 3, "set-log-level": 3, "set-map": 3, "set-mark": 3, "set-nice": 3,
		"set-status": 3, "set-timeout": 2, "set-tos": 3, "set-var": 3, "set-var-fmt": 3, "silent-drop": 3,
		"strict-mode": 3, "track-sc": 3, "unset-var": 3, "wait-for-body": 3,
	},
	"http-after-response": {
		"add-header": 3, "allow": 3, "capture": 3, "del-header": 3, "del-map": 2, "do-log": 2, "ot-group": 3,
		"replace-header": 3, "replace-value": 3, "sc-add-gpc": 2, "sc-inc-gpc": 2, "sc-inc-gpc0": 2,
		"sc-inc-gpc1": 2, "sc-set-gpt": 2, "sc-set-gpt0": 2, "set-header": 3, "set-log-level": 2, "set-map": 2,
		"set-status": 3, "set-var": 3, "set-var-fmt": 3, "strict-mode": 3, "unset-var": 3,
	},
}
