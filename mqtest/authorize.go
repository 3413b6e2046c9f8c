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
	"github.com/mqrest/mqrest/iam"
	"github.com/mqrest/mqrest/internal/policy"
)

// authorize evaluates every IAM action the request needs, in the table's
// order, and answers 403 AccessDeniedException with AWS's message for the
// first one denied. It runs under Handler.mu, before the operation, so a
// caller that may not see a resource learns nothing about its existence.
//
// Resources: actions with no resource type use "*"; broker actions use the
// broker's ARN, or arn:…:broker:*:<id> for an ID that names no broker of
// the caller's account (IAM is evaluated before existence; the name is
// unknown); configuration actions use the configuration ARN built from the
// ID; tag actions use the ResourceArn as sent.
//
// Every resource belongs to the account of the principal that created it,
// and Amazon MQ has no resource-based policies, so a principal can never act
// on a resource of another account: an action on an ARN of another account
// is denied whatever the principal's own policies allow, with AWS's message
// for a cross-account request that no resource-based policy allows ("...
// because no resource-based policy allows the mq:ListTags action"), unless a
// Deny of the principal's own policies matched first. IDs name resources of
// the caller's account only, so an ID of another account's broker or
// configuration is not found (404), as is any unknown ID, and listings show
// the caller's account's resources only.
func (h *Handler) authorize(c *call, r *http.Request) error {
	env := api.Env{FirstBroker: !h.st.slr, PassRole: h.passRole(c)}
	base := h.requestContext(c, r)
	for _, a := range c.op.Needed(c.in, env) {
		resource, tags := h.resourceOf(c, a, env)
		ctx := maps.Clone(base)
		for k, v := range tags {
			ctx["aws:ResourceTag/"+k] = []string{v}
		}
		for k, v := range a.Context {
			ctx[k] = []string{v}
		}
		req := policy.Request{Action: a.Name, Resource: resource, Context: ctx}
		d := policy.Evaluate(c.principal.pol, req)
		if d.Deny != iam.DenyExplicit && c.foreign(resource) {
			d = policy.Decision{Deny: iam.DenyImplicit, Layer: iam.PolicyTypeResourceBased}
		}
		if !d.Allowed {
			return &apiError{Status: http.StatusForbidden, Code: codeAccessDenied,
				Message: policy.Message(c.principal.p.ARN, req, d)}
		}
	}
	return nil
}

// account returns the caller's account, which owns what it creates.
func (c *call) account() string { return accountOf(c.principal.p.ARN) }

// owns reports whether the resource ARN is of the caller's account.
func (c *call) owns(arn string) bool { return accountOf(arn) == c.account() }

// foreign reports whether an action's resource is an ARN of another account
// than the caller's ("*" and ARNs without an account are of no account).
func (c *call) foreign(resource string) bool {
	acct := accountOf(resource)
	return acct != "" && acct != "*" && acct != c.account()
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
func (h *Handler) resourceOf(c *call, a api.Action, env api.Env) (string, map[string]string) {
	name := a.ResourceName(c.in)
	switch a.Resource {
	case api.ResourceBroker:
		if b := h.st.brokers[name]; b != nil && c.owns(b.ARN) {
			return b.ARN, b.Tags
		}
		return api.BrokerARN(h.partition, h.cfg.region, c.account(), "*", name), nil
	case api.ResourceConfiguration:
		if cfg := h.st.configs[name]; cfg != nil && c.owns(cfg.ARN) {
			return cfg.ARN, cfg.Tags
		}
		return api.ConfigurationARN(h.partition, h.cfg.region, c.account(), name), nil
	case api.ResourceTagged, api.ResourcePrimaryBroker:
		return name, h.tagsOf(name)
	case api.ResourceRole:
		return env.PassRole, nil
	case api.ResourceServiceLinkedRole:
		return "arn:" + h.partition + ":iam::" + c.account() + ":role/" + api.ServiceLinkedRoleName, nil
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
func (h *Handler) passRole(c *call) string {
	var ref *api.ConfigurationID
	switch x := c.in.(type) {
	case *api.CreateBrokerInput:
		ref = x.Configuration
	case *api.UpdateBrokerInput:
		ref = x.Configuration
	}
	if ref == nil {
		return ""
	}
	cfg := h.st.configs[ref.ID]
	if cfg == nil || !c.owns(cfg.ARN) || cfg.EngineType != api.EngineTypeRabbitmq {
		return ""
	}
	rev := cfg.latest()
	if ref.Revision != 0 {
		if rev = cfg.revision(ref.Revision); rev == nil {
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
