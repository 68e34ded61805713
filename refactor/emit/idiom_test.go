package emit

import "testing"

func TestMethodValueName(t *testing.T) {
	for method, want := range map[string]string{
		"GetDashboard":                 "dashboard",
		"SearchTeams":                  "teams",
		"GetTeamsByUser":               "teams",
		"GetAllAlerts":                 "alerts",
		"CountAlerts":                  "count",
		"GetAPIKeysByOrgID":            "apiKeys",
		"GetTempUsersQuery":            "tempUsers",
		"SearchHandler":                "", // the suffix says how, not what
		"GetByName":                    "", // nothing before By
		"IsAdminOfTeams":               "isAdminOfTeams",
		"GetA":                         "", // too short to say more than result
		"Handle":                       "",
		"DeleteUser":                   "", // no verb that returns a value
		"getAlertNotificationInternal": "alertNotification",
		"GetUserProfile":               "userProfile",
		"GetType":                      "", // a keyword
	} {
		if got := methodValueName(method); got != want {
			t.Errorf("methodValueName(%q) = %q, want %q", method, got, want)
		}
	}
}
