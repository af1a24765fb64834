"""Permission rows for the therapist app: only an invited, consented therapist sees a couple."""
from . import Row, expect

THERAPIST_PAGE = {"partners": 403, "outsider": 403, "therapists": 200, "anon": 302}
INVITED_ONLY = {"partners": 403, "outsider": 403, "therapist": 200, "stranger_therapist": 404,
                "anon": 302}


def _couple(c):
    return {"pk": c.couple.pk}


ROWS = [
    Row("therapist:home", "GET", expected=expect(**THERAPIST_PAGE)),
    Row("therapist:couple", "GET", _couple, expect(**INVITED_ONLY)),
    Row("therapist:couple", "GET", lambda c: {"pk": c.other_couple.pk},
        expect(**{**INVITED_ONLY, "therapist": 404}), label="not-invited"),
    Row("therapist:couple", "POST", _couple, expect(**{**INVITED_ONLY, "therapist": 302}),
        data=lambda c: {"text": "Sophie named feeling replaceable for the first time."}),
]
