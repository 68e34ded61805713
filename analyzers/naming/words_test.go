package naming

import (
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for name, want := range map[string]string{
		"GetUserByIDQuery":          "Get User By ID Query",
		"UpdateDashboardACLCommand": "Update Dashboard ACL Command",
		"GetDBHealthQuery":          "Get DB Health Query",
		"LogJSONQuery":              "Log JSON Query",
		"GetUserIDsQuery":           "Get User IDs Query",
		"GetOAuth2TokenQuery":       "Get O Auth2 Token Query",
		"UploadS3ObjectCommand":     "Upload S3 Object Command",
		"MigrateV1ToV2Command":      "Migrate V1 To V2 Command",
		"EncodeBase64Command":       "Encode Base64 Command",
		"GetK8sClusterQuery":        "Get K8s Cluster Query",
		"createFolderCmd":           "create Folder Cmd",
		"get_user_query":            "get user query",
		"ID":                        "ID",
		"IDs":                       "IDs",
		"HTTPServer":                "HTTP Server",
		"":                          "",
	} {
		got := strings.Join(Split(name), " ")
		if got != want {
			t.Errorf("Split(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestJoin(t *testing.T) {
	for _, tc := range []struct {
		words    []string
		exported bool
		want     string
	}{
		{[]string{"API", "Key", "Rotated"}, true, "APIKeyRotated"},
		{[]string{"API", "Key", "Rotated"}, false, "apiKeyRotated"},
		{[]string{"user", "Created"}, false, "userCreated"},
		{[]string{"Create", "folder"}, false, "createFolder"},
		{[]string{"Logged", "In"}, true, "LoggedIn"},
	} {
		if got := join(tc.words, tc.exported); got != tc.want {
			t.Errorf("join(%q, %v) = %q, want %q", tc.words, tc.exported, got, tc.want)
		}
	}
	if got := camel("logged in"); !slices.Equal(got, []string{"Logged", "In"}) {
		t.Errorf("camel(logged in) = %q", got)
	}
}

// Non-ASCII names keep their case (issue 8).
func TestNonASCII(t *testing.T) {
	for _, tc := range []struct {
		words    []string
		exported bool
		want     string
	}{
		{[]string{"Äpfel", "Holen"}, true, "ÄpfelHolen"},
		{[]string{"Äpfel", "Holen"}, false, "äpfelHolen"},
		{[]string{"get", "äpfel"}, true, "GetÄpfel"},
	} {
		if got := join(tc.words, tc.exported); got != tc.want {
			t.Errorf("join(%q, %v) = %q, want %q", tc.words, tc.exported, got, tc.want)
		}
	}
	for name, want := range map[string]bool{"ÄpfelQuery": true, "äpfelQuery": false, "Query": true, "_Query": false, "": false} {
		if got := isExported(name); got != want {
			t.Errorf("isExported(%q) = %v, want %v", name, got, want)
		}
	}
	if got := strings.Join(Split("ÄpfelHolenÜberQuery"), " "); got != "Äpfel Holen Über Query" {
		t.Errorf("Split(ÄpfelHolenÜberQuery) = %q", got)
	}
}
