"""Draw the site's icon, images/favicon.ico, from images/logo.svg.

A maintainer's tool, run by hand when the logo changes (the icon is committed):

    .venv/bin/python scripts/make_favicon.py

Debian's Chromium rasterises the SVG at 48 pixels; Pillow writes the 16, 32 and
48 pixel sizes of the ICO file.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SIZE = 48


def main() -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("no Chromium found: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page, png = Path(tmp) / "icon.html", Path(tmp) / "icon.png"
        page.write_text(f'<body style="margin:0"><img src="{(ROOT / "images" / "logo.svg").as_uri()}" '
                        f'width="{SIZE}" height="{SIZE}"></body>')
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--default-background-color=00000000", f"--window-size={SIZE},{SIZE}",
                        f"--screenshot={png}", page.as_uri()], check=True, capture_output=True)
        Image.open(png).convert("RGBA").save(ROOT / "images" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    print("wrote images/favicon.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
