"""Golden CLIP input tensors for ClipImagePreprocessorTest.

Reproduces, with Pillow and numpy only, the code path of Hugging Face transformers'
CLIPImageProcessor with its defaults (openai/clip-vit-base-patch32): transformers itself is not
installed where these goldens were made, so each step below follows its source faithfully:

1. ``convert_to_rgb``: ``image.convert("RGB")`` unless the mode is already RGB. Alpha is dropped,
   not composited; grayscale is replicated to three channels; palette images are expanded.
2. ``to_numpy_array`` (HWC uint8), then ``resize`` with ``size={"shortest_edge": 224}``:
   ``get_resize_output_image_size`` with ``default_to_square=False`` gives
   ``new_long = int(224 * long / short)``; ``image_transforms.resize`` turns the uint8 array back
   into a PIL image (no rescaling for uint8) and calls ``Image.resize((w, h), Image.BICUBIC,
   reducing_gap=None)``.
3. ``center_crop`` to 224x224: ``top = (h - 224) // 2``, ``left = (w - 224) // 2`` (zero padding if
   the image were smaller, which the shortest-edge rule never produces).
4. ``rescale``: ``image.astype(float64) * (1 / 255)``, then cast to float32.
5. ``normalize``: ``(image - mean) / std`` in float32, mean and std cast to float32.
6. Channels first (CHW).

Each golden is written as little-endian float32 CHW (3 x 224 x 224), gzip-compressed with a fixed
header time so regenerating gives identical bytes.

Usage (Debian: ``apt-get install python3-pil python3-numpy``, and ``python3-skimage`` for
``--derive``), from the repository root::

    python3 src/test/python/make_clip_goldens.py            # goldens from committed images
    python3 src/test/python/make_clip_goldens.py --derive   # first re-derive the images

``--derive`` rebuilds the input images from scikit-image's bundled sample photographs (public
domain / CC0, see the README next to the fixtures).
"""

import argparse
import gzip
import io
import os
import sys

import numpy as np
from PIL import Image

FIXTURES = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "resources", "com", "heimdex", "embeddings", "clip")

SIZE = 224
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)

# fixture image -> golden file; the JPEG golden is computed from the pixels Pillow decodes.
CASES = [
    "landscape_chelsea.png",
    "portrait_astronaut.png",
    "small_coffee.png",
    "grayscale_camera.png",
    "alpha_astronaut.png",
    "palette_chelsea.png",
    "thumbnail_rocket.jpg",
    "thumbnail_rocket_lossy.webp",
    "landscape_chelsea_lossless.webp",
    "thumbnail_rocket_cmyk.jpg",
]


def clip_preprocess(image):
    """CLIPImageProcessor.preprocess for one PIL image, returned as float32 CHW."""
    if image.mode != "RGB":
        image = image.convert("RGB")
    pixels = np.array(image)
    height, width = pixels.shape[:2]

    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = SIZE, int(SIZE * long / short)
    out_h, out_w = (new_long, new_short) if width <= height else (new_short, new_long)
    resized = np.array(Image.fromarray(pixels).resize(
        (out_w, out_h), resample=Image.BICUBIC, reducing_gap=None))

    cropped = center_crop(resized)
    rescaled = (cropped.astype(np.float64) * (1 / 255)).astype(np.float32)
    mean = np.array(MEAN, dtype=np.float32)
    std = np.array(STD, dtype=np.float32)
    normalized = (rescaled - mean) / std
    return np.ascontiguousarray(normalized.transpose(2, 0, 1))


def center_crop(image):
    height, width = image.shape[:2]
    top = (height - SIZE) // 2
    left = (width - SIZE) // 2
    if top >= 0 and left >= 0:
        return image[top:top + SIZE, left:left + SIZE]
    new_h, new_w = max(SIZE, height), max(SIZE, width)
    padded = np.zeros((new_h, new_w) + image.shape[2:], dtype=image.dtype)
    top_pad = -(-(new_h - height) // 2)
    left_pad = -(-(new_w - width) // 2)
    padded[top_pad:top_pad + height, left_pad:left_pad + width] = image
    top += top_pad
    left += left_pad
    return padded[max(0, top):top + SIZE, max(0, left):left + SIZE]


def write_golden(name, tensor):
    assert tensor.shape == (3, SIZE, SIZE) and tensor.dtype == np.float32
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(tensor.astype("<f4").tobytes())
    with open(os.path.join(FIXTURES, name), "wb") as f:
        f.write(buffer.getvalue())


def derive_images():
    """Builds the committed input images from scikit-image's sample photographs."""
    import skimage.data
    data_dir = os.path.dirname(skimage.data.__file__)

    def sample(name):
        return Image.open(os.path.join(data_dir, name))

    def save(image, name, **options):
        image.save(os.path.join(FIXTURES, name), optimize=True, **options)

    chelsea = sample("chelsea.png").convert("RGB")  # 451x300, landscape
    save(chelsea, "landscape_chelsea.png")

    astronaut = sample("astronaut.png").convert("RGB")  # 512x512
    save(astronaut.crop((96, 0, 396, 512)), "portrait_astronaut.png")  # 300x512

    coffee = sample("coffee.png").convert("RGB")  # 600x400
    save(coffee.resize((150, 100), Image.LANCZOS), "small_coffee.png")  # upsampled to 336x224

    camera = sample("camera.png").convert("L")  # 512x512 grayscale
    save(camera.crop((0, 64, 512, 448)), "grayscale_camera.png")  # 512x384

    rgba = astronaut.resize((400, 300), Image.LANCZOS).convert("RGBA")
    ys, xs = np.mgrid[0:300, 0:400]
    radius = np.hypot(xs - 200.0, ys - 150.0)
    alpha = np.clip(255.0 - (radius - 60.0) * 2.0, 0, 255).astype(np.uint8)
    alpha[:, :40] = 0  # fully transparent band whose colour must survive
    rgba.putalpha(Image.fromarray(alpha))
    save(rgba, "alpha_astronaut.png")

    save(chelsea.quantize(colors=64), "palette_chelsea.png")

    # 640x427 -> a 640x360 (16:9) video-thumbnail-like JPEG, re-encoded without the ICC profile
    rocket = sample("rocket.jpg").convert("RGB")
    save(rocket.crop((0, 33, 640, 393)), "thumbnail_rocket.jpg", quality=85)
    Image.open(os.path.join(FIXTURES, "thumbnail_rocket.jpg")).save(
        os.path.join(FIXTURES, "thumbnail_rocket_pil_decoded.png"), optimize=True)


def derive_formats():
    """Builds the WebP and CMYK JPEG inputs from the committed images."""
    rocket = Image.open(os.path.join(FIXTURES, "thumbnail_rocket_pil_decoded.png")).convert("RGB")
    rocket.save(os.path.join(FIXTURES, "thumbnail_rocket_lossy.webp"), quality=85, method=4)
    chelsea = Image.open(os.path.join(FIXTURES, "landscape_chelsea.png")).convert("RGB")
    chelsea.save(os.path.join(FIXTURES, "landscape_chelsea_lossless.webp"), lossless=True)
    # Pillow writes CMYK JPEGs with an Adobe marker (as Photoshop does) and converts by the naive formula
    rocket.convert("CMYK").save(os.path.join(FIXTURES, "thumbnail_rocket_cmyk.jpg"), quality=90)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--derive", action="store_true",
                        help="re-derive the input images from scikit-image's sample data first")
    parser.add_argument("--derive-formats", action="store_true",
                        help="re-derive the WebP and CMYK JPEG inputs from the committed images first")
    args = parser.parse_args()
    os.makedirs(FIXTURES, exist_ok=True)
    if args.derive:
        derive_images()
    if args.derive or args.derive_formats:
        derive_formats()
    for case in CASES:
        with Image.open(os.path.join(FIXTURES, case)) as image:
            image.load()
            tensor = clip_preprocess(image)
        golden = os.path.splitext(case)[0] + ".f32.gz"
        write_golden(golden, tensor)
        print(f"{case}: {image.mode} {image.size} -> {golden}", file=sys.stderr)


if __name__ == "__main__":
    main()
