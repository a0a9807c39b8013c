"""Draw allmenning/static/img/favicon.ico (the same mark as favicon.svg) with Pillow.

Browsers ask for /favicon.ico before reading any page; the SVG serves modern browsers from the
<link rel="icon">. Run `python scripts/make_favicon.py` after changing the mark."""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
GREEN, YELLOW, WHITE = (30, 107, 82, 255), (242, 193, 78, 255), (255, 255, 255, 255)


def draw() -> Image.Image:
    scale = SIZE / 64
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=int(14 * scale), fill=GREEN)
    roof = [(12 * scale, 34 * scale), (32 * scale, 16 * scale), (52 * scale, 34 * scale)]
    pen.line(roof, fill=WHITE, width=int(6 * scale), joint="curve")
    for x, colour in ((22, WHITE), (32, YELLOW), (42, WHITE)):
        r = 5 * scale
        pen.ellipse((x * scale - r, 44 * scale - r, x * scale + r, 44 * scale + r), fill=colour)
    return image


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "allmenning" / "static" / "img" / "favicon.ico"
    draw().save(target, sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"wrote {target}")
