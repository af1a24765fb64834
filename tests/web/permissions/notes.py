"""Permission rows for the notes app: private, shared, and another couple's records."""
from . import Row, expect

ONLY_SOPHIE_READS = {"sophie": 200, "emma": 404, "therapist": 404, "stranger_therapist": 404,
                     "outsider": 404, "anon": 302}
COUPLE_AND_THERAPIST_READ = {"sophie": 200, "emma": 200, "therapist": 200,
                             "stranger_therapist": 404, "outsider": 404, "anon": 302}
ONLY_EMMA_READS = {"sophie": 404, "emma": 200, "therapist": 404, "stranger_therapist": 404,
                   "outsider": 404, "anon": 302}
ONLY_OLIVIA_READS = {"sophie": 404, "emma": 404, "therapist": 404, "stranger_therapist": 404,
                     "outsider": 200, "anon": 302}
ONLY_SOPHIE_WRITES = {"sophie": 302, "emma": 404, "therapist": 403, "stranger_therapist": 403,
                      "outsider": 404, "anon": 302}


def _pk(attr):
    return lambda c: {"pk": getattr(c, attr).pk}


ROWS = [
    Row("notes:list", "GET", expected=expect(partners=200, therapists=200, outsider=200, anon=302)),
    Row("notes:new", "GET", expected=expect(partners=200, therapists=403, outsider=200, anon=302)),
    Row("notes:new", "POST", expected=expect(partners=302, therapists=403, outsider=302, anon=302),
        data=lambda c: {"title": "A new note", "body": "Its body"}),
    Row("notes:detail", "GET", _pk("sophie_private"), expect(**ONLY_SOPHIE_READS), label="private"),
    Row("notes:detail", "GET", _pk("sophie_shared"), expect(**COUPLE_AND_THERAPIST_READ),
        label="shared"),
    Row("notes:detail", "GET", _pk("emma_private"), expect(**ONLY_EMMA_READS),
        label="partner-private"),
    Row("notes:detail", "GET", _pk("outsider_shared"), expect(**ONLY_OLIVIA_READS),
        label="other-couple"),
    Row("notes:edit", "GET", _pk("sophie_shared"),
        expect(**{**ONLY_SOPHIE_WRITES, "sophie": 200})),
    Row("notes:edit", "POST", _pk("sophie_shared"), expect(**ONLY_SOPHIE_WRITES),
        data=lambda c: {"title": "Edited", "body": "Edited body"}),
    Row("notes:share", "POST", _pk("sophie_private"), expect(**ONLY_SOPHIE_WRITES)),
    Row("notes:unshare", "POST", _pk("sophie_shared"), expect(**ONLY_SOPHIE_WRITES)),
    Row("notes:delete", "POST", _pk("sophie_shared"), expect(**ONLY_SOPHIE_WRITES)),
]
