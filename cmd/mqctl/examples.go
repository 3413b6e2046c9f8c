package main

// examples holds usage examples of some operation commands.
var examples = map[string]string{
	"CreateBroker": `  # users.json (mode 600): [{"Username": "admin", "Password": "...", "ConsoleAccess": true}]
  mqctl create-broker --broker-name orders --engine-type ACTIVEMQ \
    --deployment-mode SINGLE_INSTANCE --host-instance-type mq.t3.micro \
    --no-publicly-accessible --users file://users.json \
    --maintenance-window-start-time DayOfWeek=MONDAY,TimeOfDay=02:00 \
    --tags team=payments,env=dev --wait`,
	"CreateUser": `  mqctl create-user --broker-id b-1234 --username app --password-file ./app.pw --groups readers,writers
  printf %s "$PW" | mqctl create-user --broker-id b-1234 --username app --password-stdin`,
	"ListBrokers": `  mqctl list-brokers --query 'BrokerSummaries[?BrokerState==` + "`RUNNING`" + `].BrokerId' --output text
  mqctl list-brokers --max-items 10    # then --starting-token <NextToken>`,
	"UpdateBroker":        `  mqctl update-broker --broker-id b-1234 --configuration Id=c-1234,Revision=2`,
	"DeleteTags":          `  mqctl delete-tags --resource-arn arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234 --tag-keys env,team`,
	"UpdateConfiguration": `  mqctl update-configuration --configuration-id c-1234 --data "$(base64 -w0 activemq.xml)"`,
}
