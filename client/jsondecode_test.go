package client

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/mqrest/mqrest/api"
)

func TestDecodeJSONMatchesEncodingJSON(t *testing.T) {
	for _, tc := range decodeCases() {
		checkDecode(t, tc.op, []byte(tc.body))
	}
}

// FuzzDecodeJSON holds decodeJSON to json.Unmarshal on arbitrary bodies.
func FuzzDecodeJSON(f *testing.F) {
	for _, tc := range decodeCases() {
		f.Add(tc.op, []byte(tc.body))
	}
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		if api.Lookup(op) == nil {
			return
		}
		checkDecode(t, op, body)
	})
}

func checkDecode(t *testing.T, name string, body []byte) {
	t.Helper()
	op := api.Lookup(name)
	a, b := op.NewOutput(), op.NewOutput()
	errA := json.Unmarshal(body, a)
	errB := decodeJSON(body, b)
	if (errA == nil) != (errB == nil) || !reflect.DeepEqual(a, b) {
		t.Errorf("%s %q:\nencoding/json %v %+v\ndecodeJSON    %v %+v", name, body, errA, a, errB, b)
	}
}

func decodeCases() []struct{ op, body string } {
	cases := []struct{ op, body string }{
		{"DescribeBroker", `{"brokerId":"b-1","brokerState":"RUNNING","tags":{"a":"b","c\u00e9":"\ud83d\ude00"},"users":[{"username":"x","pendingChange":"CREATE"}],"autoMinorVersionUpgrade":true,"publiclyAccessible":null,"created":"2024-01-02T03:04:05.678Z"}`},
		{"DescribeBroker", `{"BROKERID":"b-1","BrokerName":"n\"q\\\/\b\f\n\r\t","extra":{"x":[1,2.5e3,{"y":null}],"z":"w"},"securityGroups":["a","b"]}`},
		{"DescribeBroker", `{"brokerId":123}`},
		{"DescribeBroker", `{"brokerId":"b-1",}`},
		{"DescribeBroker", "{\"brokerId\":\"bad \xff utf8\",\"brokerName\":\"lone \\ud800 surrogate \\ud83d\\u0041\"}"},
		{"DescribeBroker", `{"brokerId":"bad \x escape"}`},
		{"DescribeBroker", `{"brokerState":"NEW_STATE","deploymentMode":"SINGLE_INSTANCE","securityGroups":[],"subnetIds":null}`},
		{"ListBrokers", `{"brokerSummaries":[{"brokerId":"a","created":"2024-01-02T03:04:05Z"},{"brokerId":"b"}],"nextToken":"t"}`},
		{"ListBrokers", `  {"brokerSummaries":[]}  `},
		{"ListBrokers", `{"brokerSummaries":[{"created":"not a time"}]}`},
		{"ListConfigurations", `{"configurations":[{"latestRevision":{"revision":2147483647,"created":"2024-01-02T03:04:05Z"}}],"maxResults":5}`},
		{"ListConfigurations", `{"configurations":[{"latestRevision":{"revision":2147483648}}]}`},
		{"ListConfigurations", `{"maxResults":-0}`},
		{"ListConfigurations", `{"maxResults":01}`},
	}
	for _, op := range api.Operations {
		out := op.NewOutput()
		fillOutput(reflect.ValueOf(out).Elem(), 0)
		b, _ := json.Marshal(out)
		cases = append(cases, struct{ op, body string }{op.Name, string(b)})
	}
	return cases
}

func fillOutput(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		if depth > 4 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fillOutput(v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillOutput(v.Field(i), depth)
			}
		}
	case reflect.String:
		v.SetString("s-é\"\\/<>&" + v.Type().Name())
	case reflect.Int32:
		v.SetInt(-7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillOutput(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf("v\u2028"))
		v.Set(m)
	}
}
