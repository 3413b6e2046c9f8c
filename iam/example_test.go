package iam_test

import (
	"fmt"

	"github.com/mqrest/mqrest/iam"
)

// A document parses from IAM JSON, can be changed in place, and marshals
// back in canonical form; the vocabulary of denials compares as plain words.
func Example() {
	doc, err := iam.Parse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"mq:Describe*","Resource":"*"}}`))
	if err != nil {
		panic(err)
	}
	doc.Statement = append(doc.Statement, iam.Statement{
		Effect:    iam.Allow,
		Action:    []string{"iam:PassRole"},
		Resource:  []string{"arn:aws:iam::123456789012:role/mq"},
		Condition: iam.Conditions{iam.NewCondition(iam.StringEquals, "iam:PassedToService", "mq.amazonaws.com")},
	})
	if err := doc.Validate(); err != nil {
		panic(err)
	}
	fmt.Println(doc)

	deny, layer := iam.DenyImplicit, iam.PolicyTypeSCP
	fmt.Printf("%s deny: no %s allows it\n", deny, layer)
	// Output:
	// {
	//   "Version": "2012-10-17",
	//   "Statement": [
	//     {
	//       "Effect": "Allow",
	//       "Action": "mq:Describe*",
	//       "Resource": "*"
	//     },
	//     {
	//       "Effect": "Allow",
	//       "Action": [
	//         "iam:PassRole"
	//       ],
	//       "Resource": [
	//         "arn:aws:iam::123456789012:role/mq"
	//       ],
	//       "Condition": {
	//         "StringEquals": {
	//           "iam:PassedToService": "mq.amazonaws.com"
	//         }
	//       }
	//     }
	//   ]
	// }
	// implicit deny: no service control policy allows it
}
