"""The payment attempt's status only moves forward.

created → processing → failed / canceled → succeeded. A failed or canceled attempt may still
succeed (Stripe retries a declined card on the same PaymentIntent, and money taken must be
recorded), but nothing ever leaves "succeeded", and no status goes back.
"""

from __future__ import annotations

from ortho_app.models.payments import PaymentStatus

RANK = {
    PaymentStatus.CREATED: 0,
    PaymentStatus.PROCESSING: 1,
    PaymentStatus.FAILED: 2,
    PaymentStatus.CANCELED: 2,
    PaymentStatus.SUCCEEDED: 3,
}
# Statuses whose amount is still reserved against the balance.
OPEN = frozenset({PaymentStatus.CREATED, PaymentStatus.PROCESSING})


def can_move(current: PaymentStatus, new: PaymentStatus) -> bool:
    return RANK[new] > RANK[current]


def is_open(status: PaymentStatus) -> bool:
    return status in OPEN
