package mqtest

import (
	"encoding/base64"
	"maps"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/internal/policy"
)

// authorize evaluates every IAM action the request needs, in the table's
// order, and answers 403 AccessDeniedException with AWS's message for the
// first one denied. It runs under Handler.mu, before the operation, so a
// caller that may not see a resource learns nothing about its existence.
//
// Resources: actions with no resource type use "*"; broker actions use the
// broker's ARN, or arn:…:broker:*:<id> for an ID that names no broker (IAM
// is evaluated before existence; the name is unknown); configuration actions
// use the configuration ARN built from the ID; tag actions use the
// ResourceArn as sent.
func (h *Handler) authorize(c *call, r *http.Request) error {
	env := api.Env{FirstBroker: !h.st.slr, PassRole: h.passRole(c.in)}
	base := h.requestContext(c, r)
	for _, a := range c.op.Needed(c.in, env) {
		resource, tags := h.resourceOf(c.in, a, env)
		ctx := maps.Clone(base)
		for k, v := range tags {
			ctx["aws:ResourceTag/"+k] = []string{v}
		}
		for k, v := range a.Context {
			ctx[k] = []string{v}
		}
		req := policy.Request{Action: a.Name, Resource: resource, Context: ctx}
		if d := policy.Evaluate(c.principal.pol, req); !d.Allowed {
			return &apiError{Status: http.StatusForbidden, Code: codeAccessDenied,
				Message: policy.Message(c.principal.p.ARN, req, d)}
		}
	}
	return nil
}

// requestContext returns the global condition keys of the request.
func (h *Handler) requestContext(c *call, r *http.Request) map[string][]string {
	arn := c.principal.p.ARN
	ctx := map[string][]string{
		"aws:PrincipalArn":           {arn},
		"aws:PrincipalAccount":       {accountOf(arn)},
		"aws:RequestedRegion":        {h.cfg.region},
		"aws:SecureTransport":        {strconv.FormatBool(r.TLS != nil)},
		"aws:CurrentTime":            {c.now.UTC().Format("2006-01-02T15:04:05Z")},
		"aws:EpochTime":              {strconv.FormatInt(c.now.Unix(), 10)},
		"aws:MultiFactorAuthPresent": {"false"},
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		ctx["aws:SourceIp"] = []string{host}
	}
	if _, rest, ok := strings.Cut(arn, ":user/"); ok {
		ctx["aws:PrincipalType"] = []string{"User"}
		ctx["aws:username"] = []string{rest[strings.LastIndexByte(rest, '/')+1:]}
	} else if strings.Contains(arn, ":assumed-role/") {
		ctx["aws:PrincipalType"] = []string{"AssumedRole"}
	}
	tags := c.op.RequestTags(c.in)
	keys := slices.Clone(c.op.RequestTagKeys(c.in))
	for k, v := range tags {
		ctx["aws:RequestTag/"+k] = []string{v}
		keys = append(keys, k)
	}
	if len(keys) > 0 {
		slices.Sort(keys)
		ctx["aws:TagKeys"] = keys
	}
	return ctx
}

// resourceOf returns the ARN the action a is evaluated on and the tags of
// that resource when the emulator holds it. The input member naming the
// resource is the model's ([api.Action.ResourceName]).
func (h *Handler) resourceOf(in any, a api.Action, env api.Env) (string, map[string]string) {
	name := a.ResourceName(in)
	switch a.Resource {
	case api.ResourceBroker:
		if b := h.st.brokers[name]; b != nil {
			return b.ARN, b.Tags
		}
		return api.BrokerARN(h.partition, h.cfg.region, h.cfg.account, "*", name), nil
	case api.ResourceConfiguration:
		if c := h.st.configs[name]; c != nil {
			return c.ARN, c.Tags
		}
		return api.ConfigurationARN(h.partition, h.cfg.region, h.cfg.account, name), nil
	case api.ResourceTagged, api.ResourcePrimaryBroker:
		return name, h.tagsOf(name)
	case api.ResourceRole:
		return env.PassRole, nil
	case api.ResourceServiceLinkedRole:
		return "arn:" + h.partition + ":iam::" + h.cfg.account + ":role/" + api.ServiceLinkedRoleName, nil
	}
	return "*", nil
}

// tagsOf returns the tags of the broker or configuration with the ARN.
func (h *Handler) tagsOf(arn string) map[string]string {
	if b := h.brokerByARN(arn); b != nil {
		return b.Tags
	}
	if c := h.configByARN(arn); c != nil {
		return c.Tags
	}
	return nil
}

var assumeRole = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^[ \t]*aws\.arns\.assume_role_arn[ \t]*=[ \t]*(\S+)`)
})

// passRole returns the role a RabbitMQ configuration named by a CreateBroker
// or UpdateBroker request asks Amazon MQ to assume, or "".
func (h *Handler) passRole(in any) string {
	var ref *api.ConfigurationID
	switch x := in.(type) {
	case *api.CreateBrokerInput:
		ref = x.Configuration
	case *api.UpdateBrokerInput:
		ref = x.Configuration
	}
	if ref == nil {
		return ""
	}
	c := h.st.configs[ref.ID]
	if c == nil || c.EngineType != api.EngineTypeRabbitmq {
		return ""
	}
	rev := c.latest()
	if ref.Revision != 0 {
		if rev = c.revision(ref.Revision); rev == nil {
			return ""
		}
	}
	data, err := base64.StdEncoding.DecodeString(rev.Data)
	if err != nil {
		return ""
	}
	if m := assumeRole().FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}
