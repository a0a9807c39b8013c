"""What organisations tell the apps above them, without importing them.

`representatives_changed` is sent inside the transaction of a service that adds or removes a
representative (who may edit the organisation and apply for partnerships on its behalf), with
`organisation`, `actor`, `user` and `change` ("added" or "removed"). Hubs records it in the
audit log of every hub the organisation is a partner of.
"""

from django.dispatch import Signal

representatives_changed = Signal()
