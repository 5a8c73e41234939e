"""The same store on S3-compatible storage (a local moto server)."""

from __future__ import annotations

import json
import socket

import pytest

from ortho_app.core import storage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3(settings_env, monkeypatch):
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    import boto3

    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="ortho")
    settings_env(storage_url="s3://ortho/files", storage_options=json.dumps(
        {"key": "test", "secret": "test", "client_kwargs": {"endpoint_url": endpoint}}))
    storage.reset()
    yield endpoint
    storage.reset()
    server.stop()


def test_save_read_delete_on_s3(s3, engine, session):
    import boto3

    row = storage.save_stream([b"%PDF-1.7 ", b"consent form"], original_name="consent.pdf",
                              session=session)
    assert storage.read_bytes(row) == b"%PDF-1.7 consent form"
    keys = [o["Key"] for o in boto3.client("s3", endpoint_url=s3)
            .list_objects_v2(Bucket="ortho")["Contents"]]
    assert keys == [f"files/{row.key[:2]}/{row.key}"]
    storage.delete_file(row)
    assert boto3.client("s3", endpoint_url=s3).list_objects_v2(Bucket="ortho")["KeyCount"] == 0
