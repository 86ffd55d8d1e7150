"""newslint.files: what any bytes on disk become, and that a file is written back unchanged."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.files import MAX_FILE_BYTES, Source, decode, discover, read_source
from newslint.finding import FileError

BOMS = {"utf-8": b"", "utf-8-bom": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
BYTES = st.one_of(st.binary(max_size=400), st.sampled_from(list(BOMS.values())).flatmap(
    lambda bom: st.binary(max_size=200).map(lambda data: bom + data)))
ENCODED = (st.text(max_size=200).filter(lambda t: "\x00" not in t), st.sampled_from(sorted(BOMS)))


def check_decode(data: bytes) -> None:
    result = decode("a.md", data)
    assert isinstance(result, (Source, FileError))
    if isinstance(result, FileError):
        assert result.code in ("binary", "decode") and "\n" not in result.message
    else:
        # What was read is written back byte for byte when nothing is fixed.
        assert result.encode(result.text) == data
        assert "\x00" not in result.text


def check_round_trip(text: str, encoding: str) -> None:
    codec = "utf-8" if encoding.startswith("utf-8") else encoding
    try:
        data = BOMS[encoding] + text.encode(codec)
    except UnicodeEncodeError:  # lone surrogates cannot be written in any UTF
        return
    source = decode("a.md", data)
    assert isinstance(source, Source), source
    # A leading U+FEFF in the text itself is a BOM once written; the text after it survives.
    assert source.text == text or (encoding == "utf-8" and text.startswith("\ufeff") and source.text == text[1:])
    assert source.encode(source.text) == data


@settings(max_examples=300, deadline=None)
@given(BYTES)
def test_any_bytes_decode_or_give_a_file_error(data: bytes) -> None:
    check_decode(data)


@settings(max_examples=300, deadline=None)
@given(*ENCODED)
def test_text_round_trips_in_every_supported_encoding(text: str, encoding: str) -> None:
    check_round_trip(text, encoding)


def test_utf16_big_endian_keeps_its_byte_order() -> None:
    data = codecs.BOM_UTF16_BE + "It’s here.\n".encode("utf-16-be")
    source = decode("a.md", data)
    assert isinstance(source, Source)
    assert source.text == "It’s here.\n"
    assert source.encode("It’s there.\n") == codecs.BOM_UTF16_BE + "It’s there.\n".encode("utf-16-be")


def test_utf32_is_binary_not_garbage() -> None:
    data = "Hello.\n".encode("utf-32")  # starts FF FE 00 00, which looks like UTF-16 LE
    assert decode("a.md", data) == FileError("binary", "binary file (NUL character at offset 0)")


def test_read_refuses_a_file_over_the_limit_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with open(big, "wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: instant, and all NUL bytes, so reading it would say "binary"
    error = read_source(str(big))
    assert isinstance(error, FileError) and error.code == "too-large"
    assert error.message == "file too large to check (4.0 MiB; the limit is 4 MiB)"


def test_read_refuses_stdin_over_the_limit() -> None:
    error = read_source("-", io.BytesIO(b"a" * (MAX_FILE_BYTES + 1)))
    assert error == FileError("too-large", "file too large to check (more than 4 MiB; the limit is 4 MiB)")


def test_read_takes_a_file_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"a" * (MAX_FILE_BYTES - 1) + b"\n")
    source = read_source(str(path))
    assert isinstance(source, Source) and len(source.text) == MAX_FILE_BYTES


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_discover_skips_a_named_pipe_in_a_folder(tmp_path: Path) -> None:
    # Opening a FIFO blocks until someone writes to it: a hook would hang for ever.
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "a.md").write_text("Text.\n")
    assert list(discover([str(tmp_path)])) == [str(tmp_path / "a.md")]


def test_discover_keeps_a_dangling_link_so_that_it_is_reported(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to(tmp_path / "missing.md")
    assert list(discover([str(tmp_path)])) == [str(tmp_path / "gone.md")]
    assert read_source(str(tmp_path / "gone.md")) == FileError("not-found", "no such file or folder")


def test_discover_does_not_follow_a_folder_link_loop(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    (tmp_path / "sub" / "a.md").write_text("Text.\n")
    assert list(discover([str(tmp_path)])) == [str(tmp_path / "sub" / "a.md")]
