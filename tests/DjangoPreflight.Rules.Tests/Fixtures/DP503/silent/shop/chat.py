import json


def send_message(body):
    return json.loads(body)["chat"]
