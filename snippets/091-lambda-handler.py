# Topic: deploying to AWS Lambda: a handler(event, context) that answers an API Gateway event,
# tested locally with an event dict and a fake context, and packaged as the zip Lambda expects.
import io
import json
import zipfile
from unittest import mock

HANDLER_SOURCE = '''
import json

def lambda_handler(event, context):
    if event.get("httpMethod") != "GET":
        return {"statusCode": 405, "body": json.dumps({"error": "method not allowed"})}
    name = (event.get("queryStringParameters") or {}).get("name", "world")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": f"Hello, {name}!", "request": context.aws_request_id}),
    }
'''


class FakeContext:
    aws_request_id = "req-0001"
    function_name = "hello"
    memory_limit_in_mb = 128

    def get_remaining_time_in_millis(self):
        return 3000


module = {}
exec(HANDLER_SOURCE, module)
handler = module["lambda_handler"]

for event in [{"httpMethod": "GET", "queryStringParameters": {"name": "Ada"}},
              {"httpMethod": "GET", "queryStringParameters": None},
              {"httpMethod": "POST", "body": "{}"}]:
    response = handler(event, FakeContext())
    print(response["statusCode"], json.loads(response["body"]))

# The deployment package: the handler module at the root of a zip (dependencies beside it).
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
    package.writestr("lambda_function.py", HANDLER_SOURCE)
    package.writestr("requirements.txt", "")
with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
    print("zip contents:", package.namelist(), "| handler setting: lambda_function.lambda_handler")


def deploy(client, zip_bytes):
    """What `aws lambda create-function` does, through a boto3 Lambda client."""
    return client.create_function(FunctionName="hello", Runtime="python3.11", Role=ROLE,
                                  Handler="lambda_function.lambda_handler",
                                  Code={"ZipFile": zip_bytes}, Timeout=10, MemorySize=128)


ROLE = "arn:aws:iam::123456789012:role/lambda-basic"
client = mock.Mock()                      # stands in for boto3.client("lambda")
client.create_function.return_value = {"FunctionName": "hello", "State": "Pending"}
print("deploy:", deploy(client, buffer.getvalue()))
kwargs = client.create_function.call_args.kwargs
print("sent:", kwargs["Handler"], kwargs["Runtime"], "with a zip:", kwargs["Code"]["ZipFile"][:2] == b"PK")
