package conformance

import (
	"bytes"
	"encoding/json/jsontext"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// The 2026 additions to the API (DescribeSharedResources, storageSize,
// pendingStorageSize, resourceShareArns, resourceShareErrors), which the
// pinned service/mq v1.34.24 cannot be compared with, held to the
// snapshot fixtures of the newer aws-sdk-go-v2 (mq-api-2026.md §8, copied
// verbatim). The fixtures fill every member by the SDK's rule: strings
// "__<MemberName>__", list elements "__Member__", map keys "key0",
// integers 1, booleans true, enums their first value, timestamps
// 2000-01-01T00:00:00Z; their keys are sorted.

// §8.2 request_snapshot/UpdateBroker.request.snap @ f0af7420: PUT /v1/brokers/__BrokerId__.
const snapUpdateBrokerRequest = `{"authenticationStrategy":"SIMPLE","autoMinorVersionUpgrade":true,"configuration":{"id":"__Id__","revision":1},"dataReplicationMode":"NONE","engineVersion":"__EngineVersion__","hostInstanceType":"__HostInstanceType__","ldapServerMetadata":{"hosts":["__Member__","__Member__"],"roleBase":"__RoleBase__","roleName":"__RoleName__","roleSearchMatching":"__RoleSearchMatching__","roleSearchSubtree":true,"serviceAccountPassword":"__ServiceAccountPassword__","serviceAccountUsername":"__ServiceAccountUsername__","userBase":"__UserBase__","userRoleName":"__UserRoleName__","userSearchMatching":"__UserSearchMatching__","userSearchSubtree":true},"logs":{"audit":true,"general":true},"maintenanceWindowStartTime":{"dayOfWeek":"MONDAY","timeOfDay":"__TimeOfDay__","timeZone":"__TimeZone__"},"resourceShareArns":["__Member__","__Member__"],"securityGroups":["__Member__","__Member__"],"storageSize":1}`

// §8.4 request_snapshot/CreateBroker.request.snap @ f0af7420: POST /v1/brokers.
const snapCreateBrokerRequest = `{"authenticationStrategy":"SIMPLE","autoMinorVersionUpgrade":true,"brokerName":"__BrokerName__","configuration":{"id":"__Id__","revision":1},"creatorRequestId":"__CreatorRequestId__","dataReplicationMode":"NONE","dataReplicationPrimaryBrokerArn":"__DataReplicationPrimaryBrokerArn__","deploymentMode":"SINGLE_INSTANCE","encryptionOptions":{"kmsKeyId":"__KmsKeyId__","useAwsOwnedKey":true},"engineType":"ACTIVEMQ","engineVersion":"__EngineVersion__","hostInstanceType":"__HostInstanceType__","ldapServerMetadata":{"hosts":["__Member__","__Member__"],"roleBase":"__RoleBase__","roleName":"__RoleName__","roleSearchMatching":"__RoleSearchMatching__","roleSearchSubtree":true,"serviceAccountPassword":"__ServiceAccountPassword__","serviceAccountUsername":"__ServiceAccountUsername__","userBase":"__UserBase__","userRoleName":"__UserRoleName__","userSearchMatching":"__UserSearchMatching__","userSearchSubtree":true},"logs":{"audit":true,"general":true},"maintenanceWindowStartTime":{"dayOfWeek":"MONDAY","timeOfDay":"__TimeOfDay__","timeZone":"__TimeZone__"},"publiclyAccessible":true,"securityGroups":["__Member__","__Member__"],"storageSize":1,"storageType":"EBS","subnetIds":["__Member__","__Member__"],"tags":{"key0":"__Value__"},"users":[{"consoleAccess":true,"groups":["__Member__","__Member__"],"password":"__Password__","replicationUser":true,"username":"__Username__"},{"consoleAccess":true,"groups":["__Member__","__Member__"],"password":"__Password__","replicationUser":true,"username":"__Username__"}]}`

// §8.1 response_snapshot/DescribeSharedResources.response.snap @ 567cf3e1.
const snapDescribeSharedResourcesResponse = `{"nextToken":"__NextToken__","sharedResources":[{"dnsNames":["__Member__","__Member__"],"error":{"code":"QUOTA_EXCEEDED","message":"__Message__"},"resourceArn":"__ResourceArn__","resourceShareArns":["__Member__","__Member__"],"status":"AVAILABLE","type":"RESOURCE_SHARE"},{"dnsNames":["__Member__","__Member__"],"error":{"code":"QUOTA_EXCEEDED","message":"__Message__"},"resourceArn":"__ResourceArn__","resourceShareArns":["__Member__","__Member__"],"status":"AVAILABLE","type":"RESOURCE_SHARE"}]}`

// §8.3 response_snapshot/UpdateBroker.response.snap @ 29a43301.
const snapUpdateBrokerResponse = `{"authenticationStrategy":"SIMPLE","autoMinorVersionUpgrade":true,"brokerId":"__BrokerId__","configuration":{"id":"__Id__","revision":1},"dataReplicationMetadata":{"dataReplicationCounterpart":{"brokerId":"__BrokerId__","region":"__Region__"},"dataReplicationRole":"__DataReplicationRole__"},"dataReplicationMode":"NONE","engineVersion":"__EngineVersion__","hostInstanceType":"__HostInstanceType__","ldapServerMetadata":{"hosts":["__Member__","__Member__"],"roleBase":"__RoleBase__","roleName":"__RoleName__","roleSearchMatching":"__RoleSearchMatching__","roleSearchSubtree":true,"serviceAccountUsername":"__ServiceAccountUsername__","userBase":"__UserBase__","userRoleName":"__UserRoleName__","userSearchMatching":"__UserSearchMatching__","userSearchSubtree":true},"logs":{"audit":true,"general":true},"maintenanceWindowStartTime":{"dayOfWeek":"MONDAY","timeOfDay":"__TimeOfDay__","timeZone":"__TimeZone__"},"pendingDataReplicationMetadata":{"dataReplicationCounterpart":{"brokerId":"__BrokerId__","region":"__Region__"},"dataReplicationRole":"__DataReplicationRole__"},"pendingDataReplicationMode":"NONE","resourceShareArns":["__Member__","__Member__"],"securityGroups":["__Member__","__Member__"],"storageSize":1}`

// §8.5 response_snapshot/DescribeBroker.response.snap @ 29a43301.
const snapDescribeBrokerResponse = `{"actionsRequired":[{"actionRequiredCode":"__ActionRequiredCode__","actionRequiredInfo":"__ActionRequiredInfo__"},{"actionRequiredCode":"__ActionRequiredCode__","actionRequiredInfo":"__ActionRequiredInfo__"}],"authenticationStrategy":"SIMPLE","autoMinorVersionUpgrade":true,"brokerArn":"__BrokerArn__","brokerId":"__BrokerId__","brokerInstances":[{"consoleURL":"__ConsoleURL__","endpoints":["__Member__","__Member__"],"ipAddress":"__IpAddress__"},{"consoleURL":"__ConsoleURL__","endpoints":["__Member__","__Member__"],"ipAddress":"__IpAddress__"}],"brokerName":"__BrokerName__","brokerState":"CREATION_IN_PROGRESS","configurations":{"current":{"id":"__Id__","revision":1},"history":[{"id":"__Id__","revision":1},{"id":"__Id__","revision":1}],"pending":{"id":"__Id__","revision":1}},"created":"2000-01-01T00:00:00Z","dataReplicationMetadata":{"dataReplicationCounterpart":{"brokerId":"__BrokerId__","region":"__Region__"},"dataReplicationRole":"__DataReplicationRole__"},"dataReplicationMode":"NONE","deploymentMode":"SINGLE_INSTANCE","encryptionOptions":{"kmsKeyId":"__KmsKeyId__","useAwsOwnedKey":true},"engineType":"ACTIVEMQ","engineVersion":"__EngineVersion__","hostInstanceType":"__HostInstanceType__","ldapServerMetadata":{"hosts":["__Member__","__Member__"],"roleBase":"__RoleBase__","roleName":"__RoleName__","roleSearchMatching":"__RoleSearchMatching__","roleSearchSubtree":true,"serviceAccountUsername":"__ServiceAccountUsername__","userBase":"__UserBase__","userRoleName":"__UserRoleName__","userSearchMatching":"__UserSearchMatching__","userSearchSubtree":true},"logs":{"audit":true,"auditLogGroup":"__AuditLogGroup__","general":true,"generalLogGroup":"__GeneralLogGroup__","pending":{"audit":true,"general":true}},"maintenanceWindowStartTime":{"dayOfWeek":"MONDAY","timeOfDay":"__TimeOfDay__","timeZone":"__TimeZone__"},"pendingAuthenticationStrategy":"SIMPLE","pendingDataReplicationMetadata":{"dataReplicationCounterpart":{"brokerId":"__BrokerId__","region":"__Region__"},"dataReplicationRole":"__DataReplicationRole__"},"pendingDataReplicationMode":"NONE","pendingEngineVersion":"__PendingEngineVersion__","pendingHostInstanceType":"__PendingHostInstanceType__","pendingLdapServerMetadata":{"hosts":["__Member__","__Member__"],"roleBase":"__RoleBase__","roleName":"__RoleName__","roleSearchMatching":"__RoleSearchMatching__","roleSearchSubtree":true,"serviceAccountUsername":"__ServiceAccountUsername__","userBase":"__UserBase__","userRoleName":"__UserRoleName__","userSearchMatching":"__UserSearchMatching__","userSearchSubtree":true},"pendingSecurityGroups":["__Member__","__Member__"],"pendingStorageSize":1,"publiclyAccessible":true,"securityGroups":["__Member__","__Member__"],"storageSize":1,"storageType":"EBS","subnetIds":["__Member__","__Member__"],"tags":{"key0":"__Value__"},"users":[{"pendingChange":"CREATE","username":"__Username__"},{"pendingChange":"CREATE","username":"__Username__"}]}`

// §8.7 response_snapshot/<Code>.error.snap: the body of each of the six
// error fixtures, with its code.
func snapErrorBody(code string) string {
	return `{"__type":"` + code + `","errorAttribute":"__ErrorAttribute__","message":"__Message__","resourceShareErrors":[{"errorCode":"__ErrorCode__","resourceShareArn":"__ResourceShareArn__","status":"__Status__"},{"errorCode":"__ErrorCode__","resourceShareArn":"__ResourceShareArn__","status":"__Status__"}]}`
}

// snapList is a list member as the fixtures fill it.
func snapList() []string { return []string{"__Member__", "__Member__"} }

func snapWindow() *api.WeeklyStartTime {
	return &api.WeeklyStartTime{DayOfWeek: api.DayOfWeekMonday, TimeOfDay: "__TimeOfDay__", TimeZone: "__TimeZone__"}
}

func snapLogs() *api.Logs { return &api.Logs{Audit: aws.Bool(true), General: aws.Bool(true)} }

func snapConfiguration() *api.ConfigurationID { return &api.ConfigurationID{ID: "__Id__", Revision: 1} }

func snapLdapInput() *api.LdapServerMetadataInput {
	return &api.LdapServerMetadataInput{Hosts: snapList(), RoleBase: "__RoleBase__", RoleName: "__RoleName__",
		RoleSearchMatching: "__RoleSearchMatching__", RoleSearchSubtree: aws.Bool(true),
		ServiceAccountPassword: "__ServiceAccountPassword__", ServiceAccountUsername: "__ServiceAccountUsername__",
		UserBase: "__UserBase__", UserRoleName: "__UserRoleName__", UserSearchMatching: "__UserSearchMatching__",
		UserSearchSubtree: aws.Bool(true)}
}

func snapLdapOutput() *api.LdapServerMetadataOutput {
	in := snapLdapInput()
	return &api.LdapServerMetadataOutput{Hosts: in.Hosts, RoleBase: in.RoleBase, RoleName: in.RoleName,
		RoleSearchMatching: in.RoleSearchMatching, RoleSearchSubtree: in.RoleSearchSubtree,
		ServiceAccountUsername: in.ServiceAccountUsername, UserBase: in.UserBase, UserRoleName: in.UserRoleName,
		UserSearchMatching: in.UserSearchMatching, UserSearchSubtree: in.UserSearchSubtree}
}

func snapReplication() *api.DataReplicationMetadataOutput {
	return &api.DataReplicationMetadataOutput{
		DataReplicationCounterpart: &api.DataReplicationCounterpart{BrokerID: "__BrokerId__", Region: "__Region__"},
		DataReplicationRole:        "__DataReplicationRole__"}
}

// canonical is the JSON text with its object keys sorted (RFC 8785), as
// the fixtures are written.
func canonical(t *testing.T, data []byte) string {
	t.Helper()
	v := jsontext.Value(bytes.Clone(data))
	if err := v.Canonicalize(); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	return string(v)
}

// TestRequestFixtures2026: inputs filled as the SDK's request snapshots
// fill them put exactly the snapshot's request on the wire: UpdateBroker
// with resourceShareArns and storageSize (§8.2), CreateBroker with
// storageSize (§8.4), and DescribeSharedResources' request line (§2.8,
// derived from ListConfigurationRevisions.request.snap: no body, no
// Content-Type).
func TestRequestFixtures2026(t *testing.T) {
	c := newClients(t)
	for _, tc := range []struct {
		op, line, body string
		in             any
	}{
		{"UpdateBroker", "PUT /v1/brokers/__BrokerId__", snapUpdateBrokerRequest, &api.UpdateBrokerInput{
			BrokerID:                   "__BrokerId__",
			AuthenticationStrategy:     api.AuthenticationStrategySimple,
			AutoMinorVersionUpgrade:    aws.Bool(true),
			Configuration:              snapConfiguration(),
			DataReplicationMode:        api.DataReplicationModeNone,
			EngineVersion:              "__EngineVersion__",
			HostInstanceType:           "__HostInstanceType__",
			LdapServerMetadata:         snapLdapInput(),
			Logs:                       snapLogs(),
			MaintenanceWindowStartTime: snapWindow(),
			ResourceShareARNs:          snapList(),
			SecurityGroups:             snapList(),
			StorageSize:                1,
		}},
		{"CreateBroker", "POST /v1/brokers", snapCreateBrokerRequest, &api.CreateBrokerInput{
			AuthenticationStrategy:          api.AuthenticationStrategySimple,
			AutoMinorVersionUpgrade:         aws.Bool(true),
			BrokerName:                      "__BrokerName__",
			Configuration:                   snapConfiguration(),
			CreatorRequestID:                "__CreatorRequestId__",
			DataReplicationMode:             api.DataReplicationModeNone,
			DataReplicationPrimaryBrokerARN: "__DataReplicationPrimaryBrokerArn__",
			DeploymentMode:                  api.DeploymentModeSingleInstance,
			EncryptionOptions:               &api.EncryptionOptions{KMSKeyID: "__KmsKeyId__", UseAwsOwnedKey: aws.Bool(true)},
			EngineType:                      api.EngineTypeActivemq,
			EngineVersion:                   "__EngineVersion__",
			HostInstanceType:                "__HostInstanceType__",
			LdapServerMetadata:              snapLdapInput(),
			Logs:                            snapLogs(),
			MaintenanceWindowStartTime:      snapWindow(),
			PubliclyAccessible:              aws.Bool(true),
			SecurityGroups:                  snapList(),
			StorageSize:                     1,
			StorageType:                     api.BrokerStorageTypeEbs,
			SubnetIDs:                       snapList(),
			Tags:                            map[string]string{"key0": "__Value__"},
			Users: []api.User{
				{ConsoleAccess: aws.Bool(true), Groups: snapList(), Password: "__Password__", ReplicationUser: aws.Bool(true), Username: "__Username__"},
				{ConsoleAccess: aws.Bool(true), Groups: snapList(), Password: "__Password__", ReplicationUser: aws.Bool(true), Username: "__Username__"},
			},
		}},
		{"DescribeSharedResources", "GET /v1/brokers/__BrokerId__/shared-resources?maxResults=1&nextToken=__NextToken__", "",
			&api.DescribeSharedResourcesInput{BrokerID: "__BrokerId__", MaxResults: 1, NextToken: "__NextToken__"}},
	} {
		t.Run(tc.op, func(t *testing.T) {
			op := api.Lookup(tc.op)
			c.rec.answer(op.Status, nil, nil)
			if _, err := c.ours.Invoke(t.Context(), op, tc.in); err != nil {
				t.Fatal(err)
			}
			r := c.rec.take()
			line := r.Method + " " + r.Path
			if r.Query != "" {
				line += "?" + r.Query
			}
			if line != tc.line {
				t.Errorf("request line\n got %s\nwant %s", line, tc.line)
			}
			ct := r.Header.Get("Content-Type")
			if tc.body == "" {
				if len(r.Body) != 0 || ct != "" {
					t.Errorf("body %q with Content-Type %q, want none", r.Body, ct)
				}
				return
			}
			if ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			if canonical(t, []byte(tc.body)) != tc.body {
				t.Fatal("the fixture's keys are not sorted") // the comparison below relies on it
			}
			if got := canonical(t, r.Body); got != tc.body {
				t.Errorf("body\n got %s\nwant %s", got, tc.body)
			}
		})
	}
}

// TestResponseFixtures2026: the response snapshots of DescribeSharedResources
// (§8.1), UpdateBroker (§8.3) and DescribeBroker (§8.5) decode through the
// client into the expected value of every member, and encode back to the
// snapshot byte for byte (keys sorted), so no member is lost.
func TestResponseFixtures2026(t *testing.T) {
	created := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	sharedResource := func() api.SharedResource {
		return api.SharedResource{DNSNames: snapList(),
			Error:       &api.SharedResourceError{Code: api.SharedResourceErrorCodeQuotaExceeded, Message: "__Message__"},
			ResourceARN: "__ResourceArn__", ResourceShareARNs: snapList(),
			Status: api.SharedResourceStatusAvailable, Type: api.SharedResourceTypeResourceShare}
	}
	brokerInstance := func() api.BrokerInstance {
		return api.BrokerInstance{ConsoleURL: "__ConsoleURL__", Endpoints: snapList(), IPAddress: "__IpAddress__"}
	}
	c := newClients(t)
	for _, tc := range []struct {
		op, body string
		want     any
	}{
		{"DescribeSharedResources", snapDescribeSharedResourcesResponse, &api.DescribeSharedResourcesOutput{
			NextToken:       "__NextToken__",
			SharedResources: []api.SharedResource{sharedResource(), sharedResource()},
		}},
		{"UpdateBroker", snapUpdateBrokerResponse, &api.UpdateBrokerOutput{
			AuthenticationStrategy:         api.AuthenticationStrategySimple,
			AutoMinorVersionUpgrade:        aws.Bool(true),
			BrokerID:                       "__BrokerId__",
			Configuration:                  snapConfiguration(),
			DataReplicationMetadata:        snapReplication(),
			DataReplicationMode:            api.DataReplicationModeNone,
			EngineVersion:                  "__EngineVersion__",
			HostInstanceType:               "__HostInstanceType__",
			LdapServerMetadata:             snapLdapOutput(),
			Logs:                           snapLogs(),
			MaintenanceWindowStartTime:     snapWindow(),
			PendingDataReplicationMetadata: snapReplication(),
			PendingDataReplicationMode:     api.DataReplicationModeNone,
			ResourceShareARNs:              snapList(),
			SecurityGroups:                 snapList(),
			StorageSize:                    1,
		}},
		{"DescribeBroker", snapDescribeBrokerResponse, &api.DescribeBrokerOutput{
			ActionsRequired: []api.ActionRequired{
				{ActionRequiredCode: "__ActionRequiredCode__", ActionRequiredInfo: "__ActionRequiredInfo__"},
				{ActionRequiredCode: "__ActionRequiredCode__", ActionRequiredInfo: "__ActionRequiredInfo__"},
			},
			AuthenticationStrategy:  api.AuthenticationStrategySimple,
			AutoMinorVersionUpgrade: aws.Bool(true),
			BrokerARN:               "__BrokerArn__",
			BrokerID:                "__BrokerId__",
			BrokerInstances:         []api.BrokerInstance{brokerInstance(), brokerInstance()},
			BrokerName:              "__BrokerName__",
			BrokerState:             api.BrokerStateCreationInProgress,
			Configurations: &api.Configurations{Current: snapConfiguration(),
				History: []api.ConfigurationID{*snapConfiguration(), *snapConfiguration()}, Pending: snapConfiguration()},
			Created:                 created,
			DataReplicationMetadata: snapReplication(),
			DataReplicationMode:     api.DataReplicationModeNone,
			DeploymentMode:          api.DeploymentModeSingleInstance,
			EncryptionOptions:       &api.EncryptionOptions{KMSKeyID: "__KmsKeyId__", UseAwsOwnedKey: aws.Bool(true)},
			EngineType:              api.EngineTypeActivemq,
			EngineVersion:           "__EngineVersion__",
			HostInstanceType:        "__HostInstanceType__",
			LdapServerMetadata:      snapLdapOutput(),
			Logs: &api.LogsSummary{Audit: aws.Bool(true), AuditLogGroup: "__AuditLogGroup__", General: aws.Bool(true),
				GeneralLogGroup: "__GeneralLogGroup__", Pending: &api.PendingLogs{Audit: aws.Bool(true), General: aws.Bool(true)}},
			MaintenanceWindowStartTime:     snapWindow(),
			PendingAuthenticationStrategy:  api.AuthenticationStrategySimple,
			PendingDataReplicationMetadata: snapReplication(),
			PendingDataReplicationMode:     api.DataReplicationModeNone,
			PendingEngineVersion:           "__PendingEngineVersion__",
			PendingHostInstanceType:        "__PendingHostInstanceType__",
			PendingLdapServerMetadata:      snapLdapOutput(),
			PendingSecurityGroups:          snapList(),
			PendingStorageSize:             1,
			PubliclyAccessible:             aws.Bool(true),
			SecurityGroups:                 snapList(),
			StorageSize:                    1,
			StorageType:                    api.BrokerStorageTypeEbs,
			SubnetIDs:                      snapList(),
			Tags:                           map[string]string{"key0": "__Value__"},
			Users: []api.UserSummary{
				{PendingChange: api.ChangeTypeCreate, Username: "__Username__"},
				{PendingChange: api.ChangeTypeCreate, Username: "__Username__"},
			},
		}},
	} {
		t.Run(tc.op, func(t *testing.T) {
			op := api.Lookup(tc.op)
			c.rec.answer(op.Status, http.Header{"Content-Type": {"application/json"}, "X-Amzn-Requestid": {"req-2026"}}, []byte(tc.body))
			in := op.NewInput()
			reflect.ValueOf(in).Elem().FieldByName("BrokerID").SetString("b-1")
			got, err := c.ours.Invoke(t.Context(), op, in)
			if err != nil {
				t.Fatal(err)
			}
			api.SetRequestID(tc.want, "req-2026")
			for _, d := range fieldDiffs(op.Output.Name(), reflect.ValueOf(got).Elem(), reflect.ValueOf(tc.want).Elem()) {
				t.Error(d)
			}
			back, err := op.EncodeOutput(got)
			if err != nil {
				t.Fatal(err)
			}
			if canonical(t, back) != tc.body {
				t.Errorf("decoded and encoded again\n got %s\nwant %s", canonical(t, back), tc.body)
			}
		})
	}
}

// fieldDiffs lists, by path, the members where got and want differ.
func fieldDiffs(path string, got, want reflect.Value) []string {
	switch {
	case got.Type() == reflect.TypeFor[time.Time]():
		if !got.Interface().(time.Time).Equal(want.Interface().(time.Time)) {
			return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
		}
		return nil
	case got.Kind() == reflect.Pointer:
		if got.IsNil() || want.IsNil() {
			if got.IsNil() != want.IsNil() {
				return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
			}
			return nil
		}
		return fieldDiffs(path, got.Elem(), want.Elem())
	case got.Kind() == reflect.Struct:
		var out []string
		for i := range got.NumField() {
			out = append(out, fieldDiffs(path+"."+got.Type().Field(i).Name, got.Field(i), want.Field(i))...)
		}
		return out
	case got.Kind() == reflect.Slice:
		if got.Len() != want.Len() || got.IsNil() != want.IsNil() {
			return []string{fmt.Sprintf("%s: got %d items %#v, want %d %#v", path, got.Len(), got, want.Len(), want)}
		}
		var out []string
		for i := range got.Len() {
			out = append(out, fieldDiffs(fmt.Sprintf("%s[%d]", path, i), got.Index(i), want.Index(i))...)
		}
		return out
	}
	if !reflect.DeepEqual(got.Interface(), want.Interface()) {
		return []string{fmt.Sprintf("%s: got %#v, want %#v", path, got, want)}
	}
	return nil
}

// exceptionFields are the members every error shape has.
type exceptionFields struct {
	ErrorAttribute      string
	Message             string
	ResourceShareErrors []api.ResourceShareError
}

// exception is what every typed exception of package api implements.
type exception interface {
	error
	ErrorCode() string
	HTTPStatusCode() int
}

// exceptionAs finds the typed exception *T in err's chain and returns it
// with its members.
func exceptionAs[T any, P interface {
	*T
	exception
}](err error) (exception, exceptionFields, bool) {
	var e P
	if !errors.As(err, &e) {
		return nil, exceptionFields{}, false
	}
	return e, reflect.ValueOf(e).Elem().Convert(reflect.TypeFor[exceptionFields]()).Interface().(exceptionFields), true
}

// TestErrorFixtures2026: each of the six error snapshots (§8.7) gives,
// through the client, the typed exception of its code with
// ErrorAttribute, Message and both ResourceShareErrors, and an APIError
// with the code and status.
func TestErrorFixtures2026(t *testing.T) {
	shareErr := api.ResourceShareError{ErrorCode: "__ErrorCode__", ResourceShareARN: "__ResourceShareArn__", Status: "__Status__"}
	want := exceptionFields{ErrorAttribute: "__ErrorAttribute__", Message: "__Message__",
		ResourceShareErrors: []api.ResourceShareError{shareErr, shareErr}}
	c := newClients(t)
	op := api.Lookup("UpdateBroker") // its error list has all six
	for _, tc := range []struct {
		code   string
		status int
		as     func(error) (exception, exceptionFields, bool)
	}{
		{"BadRequestException", 400, exceptionAs[api.BadRequestException]},
		{"UnauthorizedException", 401, exceptionAs[api.UnauthorizedException]},
		{"ForbiddenException", 403, exceptionAs[api.ForbiddenException]},
		{"NotFoundException", 404, exceptionAs[api.NotFoundException]},
		{"ConflictException", 409, exceptionAs[api.ConflictException]},
		{"InternalServerErrorException", 500, exceptionAs[api.InternalServerErrorException]},
	} {
		t.Run(tc.code, func(t *testing.T) {
			c.rec.answer(tc.status, http.Header{"Content-Type": {"application/json"}, "X-Amzn-Requestid": {"req-2026"}}, []byte(snapErrorBody(tc.code)))
			_, err := c.ours.Invoke(t.Context(), op, &api.UpdateBrokerInput{BrokerID: "b-1"})
			var apiErr *client.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != tc.code || apiErr.StatusCode != tc.status || apiErr.RequestID != "req-2026" {
				t.Fatalf("got %#v, want an *client.APIError with code %s, status %d", err, tc.code, tc.status)
			}
			e, got, ok := tc.as(err)
			if !ok {
				t.Fatalf("errors.As finds no *api.%s in %v", tc.code, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("members\n got %+v\nwant %+v", got, want)
			}
			if e.ErrorCode() != tc.code || e.HTTPStatusCode() != tc.status {
				t.Errorf("ErrorCode %q, HTTPStatusCode %d", e.ErrorCode(), e.HTTPStatusCode())
			}
		})
	}
}
