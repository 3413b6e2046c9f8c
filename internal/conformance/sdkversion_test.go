package conformance

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/mq"
	"github.com/aws/aws-sdk-go-v2/service/mq/types"

	"github.com/mqrest/mqrest/api"
)

// This module pins github.com/aws/aws-sdk-go-v2/service/mq v1.34.24, which
// has 24 operations; mqrest's model is newer (mq-api-2026.md): it adds the
// operation DescribeSharedResources and a few members. The side-by-side
// tests compare only what both know; fixtures2026_test.go pins the rest to
// the newer SDK's snapshot fixtures.

// sdkHas reports whether service/mq v1.34.24 has a method for the operation.
func sdkHas(op *api.Operation) bool {
	_, ok := reflect.TypeFor[*mq.Client]().MethodByName(op.Name)
	return ok
}

// sdkOperations are the operations service/mq v1.34.24 has: the ones the
// side-by-side tests compare (TestNewerThanSDKIsExact checks that only
// DescribeSharedResources is left out; fixtures2026_test.go pins it).
func sdkOperations() []*api.Operation {
	var ops []*api.Operation
	for _, op := range api.Operations {
		if sdkHas(op) {
			ops = append(ops, op)
		}
	}
	return ops
}

// newerThanSDK are the members of the shapes of the 24 shared operations
// (and the error shapes) that mqrest has and service/mq v1.34.24 does not:
// the 2026 additions of mq-api-2026.md §1. TestNewerThanSDKIsExact keeps
// the list honest.
var newerThanSDK = []string{
	"BadRequestException.ResourceShareErrors",
	"ConflictException.ResourceShareErrors",
	"CreateBrokerInput.StorageSize",
	"DescribeBrokerOutput.PendingStorageSize",
	"DescribeBrokerOutput.StorageSize",
	"ForbiddenException.ResourceShareErrors",
	"InternalServerErrorException.ResourceShareErrors",
	"NotFoundException.ResourceShareErrors",
	"UnauthorizedException.ResourceShareErrors",
	"UpdateBrokerInput.ResourceShareARNs",
	"UpdateBrokerInput.StorageSize",
	"UpdateBrokerOutput.ResourceShareARNs",
	"UpdateBrokerOutput.StorageSize",
}

// withoutNewer zeroes the members of newerThanSDK in the struct v points
// to, so that the SDK can be given (or be expected to decode) the same
// values. It returns v.
func withoutNewer(v any) any {
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		if slices.Contains(newerThanSDK, rv.Type().Name()+"."+rv.Type().Field(i).Name) {
			rv.Field(i).SetZero()
		}
	}
	return v
}

// TestNewerThanSDKIsExact: the members mqrest has beyond the pinned SDK
// are exactly newerThanSDK, no more (a member the SDK should have, but
// under another name) and no fewer (a stale entry).
func TestNewerThanSDKIsExact(t *testing.T) {
	var got []string
	extra := func(ours, sdk reflect.Type) {
		for i := range ours.NumField() {
			f := ours.Field(i)
			if !f.IsExported() || f.Anonymous {
				continue
			}
			if _, ok := sdk.FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, f.Name) }); !ok {
				got = append(got, ours.Name()+"."+f.Name)
			}
		}
	}
	sdk := reflect.TypeFor[*mq.Client]()
	for _, op := range api.Operations {
		m, ok := sdk.MethodByName(op.Name)
		if !ok {
			continue
		}
		extra(op.Input, m.Type.In(2).Elem())
		extra(op.Output, m.Type.Out(0).Elem())
	}
	for ours, theirs := range map[reflect.Type]reflect.Type{
		reflect.TypeFor[api.BadRequestException]():          reflect.TypeFor[types.BadRequestException](),
		reflect.TypeFor[api.UnauthorizedException]():        reflect.TypeFor[types.UnauthorizedException](),
		reflect.TypeFor[api.ForbiddenException]():           reflect.TypeFor[types.ForbiddenException](),
		reflect.TypeFor[api.NotFoundException]():            reflect.TypeFor[types.NotFoundException](),
		reflect.TypeFor[api.ConflictException]():            reflect.TypeFor[types.ConflictException](),
		reflect.TypeFor[api.InternalServerErrorException](): reflect.TypeFor[types.InternalServerErrorException](),
	} {
		extra(ours, theirs)
	}
	slices.Sort(got)
	if !slices.Equal(got, newerThanSDK) {
		t.Errorf("members mqrest has beyond service/mq v1.34.24:\n got %q\nwant %q", got, newerThanSDK)
	}
	var missing []string
	for _, op := range api.Operations {
		if !sdkHas(op) {
			missing = append(missing, op.Name)
		}
	}
	if want := []string{"DescribeSharedResources"}; !slices.Equal(missing, want) || len(api.Operations) != 25 {
		t.Errorf("%d operations, not in the SDK %q; want 25, %q", len(api.Operations), missing, want)
	}
}
