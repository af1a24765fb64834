"""Draw a QR code as inline SVG (no image files, no script): the authenticator set-up link."""
from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, label: str, size: int = 220) -> SafeString:
    """Return an accessible SVG QR code of ``data``, ``size`` pixels square, named ``label``."""
    import qrcode

    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()  # border included
    cells = "".join(
        f"M{x},{y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    n = len(matrix)
    return mark_safe(
        f'<svg class="qr" role="img" aria-label="{escape(label)}" width="{size}" height="{size}" '
        f'viewBox="0 0 {n} {n}" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">'
        f'<rect width="{n}" height="{n}" fill="#fff"/><path d="{cells}" fill="#000"/></svg>'
    )
