"""What iam tells the other apps without importing them."""

from django.dispatch import Signal

# Units changed folder outside Asset Management (a sub user's migration, iam.services):
# keyword ``account_id``. Asset Management recounts the account's coverage.
units_moved = Signal()
