# Topic: boto3, the AWS SDK: a client per service, calls returning dicts, paginators and
# ClientError; tested without AWS credentials or network through botocore's Stubber.
import datetime

import boto3
from botocore.exceptions import ClientError
from botocore.stub import Stubber

s3 = boto3.client("s3", region_name="eu-west-1",
                  aws_access_key_id="testing", aws_secret_access_key="testing")


def bucket_names(client):
    return [bucket["Name"] for bucket in client.list_buckets()["Buckets"]]


def object_exists(client, bucket, key):
    try:
        client.head_object(Bucket=bucket, Key=key)
        return True
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "404":
            return False
        raise


created = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
with Stubber(s3) as stub:
    stub.add_response("list_buckets", {"Buckets": [{"Name": "logs", "CreationDate": created},
                                                   {"Name": "backups", "CreationDate": created}]})
    stub.add_response("head_object", {"ContentLength": 12}, {"Bucket": "logs", "Key": "a.txt"})
    stub.add_client_error("head_object", service_error_code="404", http_status_code=404,
                          expected_params={"Bucket": "logs", "Key": "missing.txt"})
    stub.add_client_error("head_object", service_error_code="AccessDenied", http_status_code=403)

    print("buckets:", bucket_names(s3))
    print("a.txt exists:", object_exists(s3, "logs", "a.txt"))
    print("missing.txt exists:", object_exists(s3, "logs", "missing.txt"))
    try:
        object_exists(s3, "backups", "secret")
    except ClientError as exc:
        print("other errors propagate:", exc.response["Error"]["Code"])
    stub.assert_no_pending_responses()
print("every stubbed call was made")
