"""The same store on S3-compatible storage: a local moto server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest

from ortho_app.core import storage
from tests.support import files as samples

BUCKET = "ortho"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3(settings_env, monkeypatch):
    """A moto S3 server with an empty bucket; the store points at s3://ortho/practice-files."""
    import boto3
    from moto.server import ThreadedMotoServer

    for name in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    # moto keeps its buckets in this process across servers: start from an empty account
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"))
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings_env(storage_url=f"s3://{BUCKET}/practice-files", storage_options=json.dumps(
        {"key": "test", "secret": "test", "client_kwargs": {"endpoint_url": endpoint}}))
    storage.reset()
    yield client
    storage.reset()
    server.stop()


def bucket_keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_save_read_delete_on_s3(s3, session):
    row = storage.save_stream([b"%PDF-1.7 ", b"consent form"], original_name="consent.pdf",
                              session=session)
    assert storage.read_bytes(row) == b"%PDF-1.7 consent form"
    assert bucket_keys(s3) == [f"practice-files/{row.key[:2]}/{row.key}"]
    head = s3.head_object(Bucket=BUCKET, Key=f"practice-files/{row.key[:2]}/{row.key}")
    assert head["ContentLength"] == row.size
    storage.delete_file(row)
    assert bucket_keys(s3) == []


def test_images_are_cleaned_on_s3_too(s3, session):
    data = samples.png_with_text("Patient Alice Durand")
    row = storage.save_stream(samples.chunks(data, 50), original_name="photo.png",
                              session=session)
    stored = storage.read_bytes(row)
    assert stored.startswith(b"\x89PNG") and b"Alice" not in stored


@pytest.mark.parametrize("data,error", [
    (samples.PDF.ljust(2000, b" "), storage.UploadTooLarge),
    (b"<html>hello</html>", storage.UnsupportedFileType),
    (samples.zip_bytes({"../evil": b"x"}), storage.UnsafeFile),
])
def test_refused_uploads_leave_nothing_in_the_bucket(s3, session, data, error):
    with pytest.raises(error):
        storage.save_stream(samples.chunks(data, 100), original_name="x", session=session,
                            max_bytes=1000)
    assert bucket_keys(s3) == []


async def test_async_upload_to_s3(s3, session):
    async def parts():
        for chunk in samples.chunks(samples.binary_stl(10), 64):
            yield chunk

    row = await storage.save_stream(parts(), original_name="upper.stl", session=session)
    assert storage.read_bytes(row) == samples.binary_stl(10)
    assert bucket_keys(s3) == [f"practice-files/{row.key[:2]}/{row.key}"]


def test_orphans_on_s3_are_listed_and_removed(s3, session):
    from datetime import timedelta

    from ortho_app.core.storage import orphans
    from ortho_app.models._base import utcnow

    kept = storage.save_stream([samples.PDF], original_name="consent.pdf", session=session)
    session.commit()
    key = "ab" + "0" * 38
    s3.put_object(Bucket=BUCKET, Key=f"practice-files/ab/{key}", Body=b"left by a crash")
    s3.put_object(Bucket=BUCKET, Key=f"practice-files/{storage.INCOMING}/x", Body=b"half")
    later = utcnow() + orphans.GRACE + timedelta(minutes=1)  # S3 dates its objects itself
    found = orphans.find_orphans(session, now=later)
    assert (found.files_without_record, found.unfinished_uploads) == (
        [f"ab/{key}"], [f"{storage.INCOMING}/x"])
    assert orphans.find_orphans(session).files_without_record == []  # within the grace
    orphans.clean_up(now=later, files_without_record=True)
    assert bucket_keys(s3) == [f"practice-files/{kept.key[:2]}/{kept.key}"]
