"""What proposals announces to the apps above it, which it does not import: they connect their
receivers in their AppConfig.ready. Sent inside the service's transaction, so a receiver's records
are saved, or rolled back, with the service's own."""

from django.dispatch import Signal

# proposals.services.meetings.meeting_create, with meeting= and user=: the books keep the fund overview
# with the new meeting's agenda (accounting.meeting_overview)
meeting_planned = Signal()
