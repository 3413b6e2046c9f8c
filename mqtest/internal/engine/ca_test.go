package engine

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net"
	"testing"
)

// TestCAIssue checks the CA and a certificate it issues: P-256 keys, a
// server certificate for 127.0.0.1 and localhost that verifies against
// the pool and the PEM, and a PKCS #8 key that matches it.
func TestCAIssue(t *testing.T) {
	ca, err := NewCA()
	if err != nil {
		t.Fatal(err)
	}
	if !ca.Certificate().IsCA || ca.Certificate().PublicKey.(*ecdsa.PublicKey).Curve != elliptic.P256() {
		t.Fatal("the CA is not a P-256 CA certificate")
	}
	leaf, err := ca.Issue("test")
	if err != nil {
		t.Fatal(err)
	}
	fromPEM := x509.NewCertPool()
	if !fromPEM.AppendCertsFromPEM(ca.PEM()) {
		t.Fatal("CA PEM does not parse")
	}
	cert, err := x509.ParseCertificate(leaf.DER)
	if err != nil {
		t.Fatal(err)
	}
	for _, pool := range []*x509.CertPool{ca.Pool(), fromPEM} {
		for _, name := range []string{"127.0.0.1", "localhost"} {
			if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: name, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err != nil {
				t.Errorf("verify for %s: %v", name, err)
			}
		}
		if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: "example.com"}); err == nil {
			t.Error("the certificate verifies for example.com")
		}
	}
	if _, err := tls.X509KeyPair(leaf.CertPEM, leaf.KeyPEM); err != nil {
		t.Fatalf("cert and key do not pair: %v", err)
	}
	if b, _ := pem.Decode(leaf.KeyPEM); b == nil || b.Type != "PRIVATE KEY" {
		t.Fatal("the key is not PKCS #8 PEM")
	}
	other, _ := NewCA()
	if _, err := cert.Verify(x509.VerifyOptions{Roots: other.Pool(), DNSName: "127.0.0.1"}); err == nil {
		t.Fatal("the certificate verifies against another CA")
	}
	if !cert.IPAddresses[0].Equal(net.IPv4(127, 0, 0, 1)) {
		t.Fatalf("IP SANs %v", cert.IPAddresses)
	}
}
