"""Uploaded images keep no metadata: EXIF can carry where a photo was taken."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.images import UnreadableImage, read_image, without_metadata


def jpeg_with_gps() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (59.0, 54.0, 48.0)}  # GPS: somebody's courtyard
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "green").save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("courtyard.jpg", out.getvalue(), content_type="image/jpeg")


def test_the_exif_is_gone_and_the_picture_stays():
    upload = jpeg_with_gps()
    with Image.open(upload) as before:
        assert before.getexif()  # the test image really carries EXIF
    kind, width, height = read_image(upload, {"JPEG"})
    clean, new_width, new_height = without_metadata(upload, kind)
    with Image.open(clean) as after:
        assert after.format == "JPEG"
        assert not after.getexif()
        assert (after.width, after.height) == (width, height) == (new_width, new_height) == (30, 20)


def test_a_text_file_with_an_image_name_is_refused():
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    with pytest.raises(UnreadableImage):
        read_image(fake, {"JPEG", "PNG"})


@pytest.mark.django_db
def test_initiative_images_are_stored_without_metadata(oslo, mia, settings, tmp_path):
    from apps.initiatives.services import image_add, initiative_submit

    settings.MEDIA_ROOT = tmp_path
    initiative = initiative_submit(hub=oslo, actor=mia, title="Benker på Tøyen")
    record = image_add(initiative=initiative, actor=mia, image=jpeg_with_gps(), alt_text="Gården")
    with Image.open(record.image.path) as stored:
        assert not stored.getexif()


def test_one_pixel_limit_is_read_from_the_header_before_decoding():
    from apps.core.images import TooManyPixels
    from tests.files import huge_png

    # Pillow's own limit (178 megapixels) would let this 169-megapixel file through to decoding.
    with pytest.raises(TooManyPixels):
        read_image(huge_png(), {"PNG"})
    with pytest.raises(TooManyPixels):
        read_image(huge_png(), {"PNG"}, decode=True)
