package lint

import "testing"

func TestLooksLikePlaceholder(t *testing.T) {
	for host, want := range map[string]bool{
		"BOOTSTRAP_IP": true, "<pg-node1-ip>": true, "ipaddr_here": true, "x.x.x.x": true,
		"10.0.0.xx": true, "{{ backend_ip }}": true, "%%HOST%%": true, "@ADDR@": true,
		"your-server": true, "your.domain.com": true, "CHANGEME": true, "MASTER_0_IP": true,
		"mysql-node1": false, "web_1": false, "db.example.com": false, "10.0.0.1": false,
		"my-app": false, "MySQL_1": false, "${HOST}": false, "todo-api": false, "localhost": false,
		"nginx": false, "DB": false, "exchange.example": false,
	} {
		if got := LooksLikePlaceholder(host); got != want {
			t.Errorf("LooksLikePlaceholder(%q) = %v, want %v", host, got, want)
		}
	}
}
