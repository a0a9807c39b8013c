"""Which references to a person the data archive covers, field by field.

Every relation from any model to the user model is either EXPORTED (its rows go into the
person's `data.json`) or EXCLUDED with a reason. tests/privacy/test_coverage.py introspects all
models and fails when a relation is in neither list, so a new model with a user field cannot be
forgotten: add it to one of them (with the app that adds it)."""

# "app_label.Model.field": what the rows are, in the archive's words.
EXPORTED: dict[str, str] = {
    # accounts and sign-in
    "accounts.Profile.user": "profile",
    "accounts.ApiToken.user": "API tokens (names and dates; the secrets are never stored)",
    "account.EmailAddress.user": "e-mail addresses",
    "admin.LogEntry.user": "changes made in the admin",
    # hubs and organisations
    "hubs.Membership.user": "memberships and roles",
    "hubs.Membership.decided_by": "membership applications you decided",
    "hubs.Partnership.applied_by": "partnership applications you made",
    "hubs.Partnership.decided_by": "partnership applications you decided",
    "hubs.WorkingGroup.lead": "working groups you lead",
    "hubs.WorkingGroupMember.user": "working group memberships",
    "organisations.Representative.user": "organisations you represent",
    "goals.GoalTag.created_by": "goal tags you made",
    # initiatives and their follow-up
    "initiatives.Initiative.owner": "initiatives you own",
    "initiatives.TeamMember.user": "initiative teams",
    "initiatives.InitiativeImage.uploaded_by": "initiative images you uploaded",
    "initiatives.InitiativeUpdate.author": "initiative updates you wrote",
    "initiatives.Follow.user": "initiatives you follow",
    "initiatives.PermitDocument.uploaded_by": "permit documents you uploaded",
    "initiatives.TeamInvitation.invited_by": "team invitations you sent",
    "initiatives.TeamInvitation.accepted_by": "team invitations you accepted",
    "establishment.Invitation.invited_by": "invitations to an exploratory meeting you sent",
    "establishment.MeetingText.updated_by": "meeting invitations and programmes you edited",
    "residents.DemographicAnswer.person": "your answers to a hub's questions about you (age band, area)",
    "surveys.Batch.entered_by": "batches of paper and face-to-face answers you entered",
    "transfer.TransferJob.created_by": "hub exports and imports you started",
    "organisations.RepresentativeInvitation.invited_by": "invitations to represent an organisation you sent",
    "organisations.RepresentativeInvitation.accepted_by": "invitations to represent an organisation accepted",
    "processes.ProcessRun.started_by": "processes you started",
    "processes.PhaseRun.closed_by": "phases you closed",
    "processes.Deliverable.done_by": "deliverables you completed",
    "followup.Meeting.minutes_recorded_by": "minutes you recorded",
    "followup.Meeting.created_by": "meetings you created",
    "followup.Meeting.participants": "meetings you took part in",
    "followup.Task.assignee": "tasks assigned to you",
    "followup.Task.created_by": "tasks you created",
    # participation
    "participation.Idea.author": "ideas",
    "participation.Comment.author": "comments",
    "participation.Support.user": "supports",
    "participation.Report.reporter": "reports you made",
    "participation.Report.resolved_by": "reports you resolved",
    "mapinput.MapMark.author": "map marks",
    "surveys.Survey.created_by": "surveys you made",
    "surveys.Response.respondent": "survey answers",
    "surveys.ConceptVote.created_by": "concept votes you made",
    "surveys.Ballot.voter": "ballots",
    # visions, events, partners, dialogues, governance
    "visions.Vision.created_by": "visions you started",
    "visions.Vision.coauthors": "visions you co-wrote",
    "visions.VisionVersion.author": "vision versions you wrote",
    "visions.VersionComment.author": "comments on visions",
    "visions.Endorsement.representative": "endorsements you signed",
    "events.Event.organiser": "events you organise",
    "events.Registration.user": "event registrations",
    "events.ActionPoint.assignee": "action points assigned to you",
    "events.ActionPoint.created_by": "action points you made",
    "partners.Partner.user": "partner roles",
    "partners.Partner.added_by": "partners you added",
    "partners.Commitment.created_by": "commitments you recorded",
    "partners.CommitmentChange.actor": "changes to commitments",
    "dialogues.Dialogue.created_by": "dialogues you started",
    "dialogues.Participant.user": "dialogues you take part in",
    "dialogues.DialogueMeeting.created_by": "dialogue meetings you made",
    "dialogues.Value.created_by": "values you recorded",
    "governance.Meeting.created_by": "general meetings you made",
    "governance.Motion.proposed_by": "motions you proposed",
    "governance.Candidate.user": "candidacies",
    "governance.Voter.person": "voting rights and votes",
    "governance.Voter.cast_by": "votes you cast for others",
    # funding, results, agreements
    "funding.Campaign.created_by": "campaigns you started",
    "funding.Pledge.user": "pledges",
    "funding.Pledge.decided_by": "pledges you decided",
    "funding.GrantDocument.uploaded_by": "grant documents you uploaded",
    "results.Result.created_by": "results you recorded",
    "results.ProgressReport.author": "progress reports you wrote",
    "results.Evidence.uploaded_by": "evidence you uploaded",
    "results.ReportPhoto.uploaded_by": "photos you uploaded",
    "agreements.Agreement.created_by": "agreements you drafted",
    "agreements.AgreementVersion.author": "agreement versions you wrote",
    "agreements.Signature.representative": "agreements you signed",
    # volunteers, matching, library, consolidation
    "volunteers.Signup.user": "volunteer sign-ups",
    "volunteers.HoursLog.user": "volunteer hours",
    "volunteers.HoursLog.logged_by": "hours you logged",
    "volunteers.HoursLog.confirmed_by": "hours you confirmed",
    "volunteers.CalendarFeed.user": "your calendar feed",
    "matching.Need.created_by": "needs you posted",
    "matching.Introduction.user": "introductions to you",
    "matching.Introduction.introduced_by": "introductions you made",
    "matching.Introduction.answered_by": "introductions you answered",
    "consolidation.OverlapPair.decided_by": "overlaps you decided",
    "consolidation.Merge.by": "merges you made",
    "library.Subscription.created_by": "library feeds you followed",
    "library.Entry.author": "library entries you wrote",
    "library.Entry.approved_by": "library entries you approved",
    "library.Course.facilitator": "courses you facilitate",
    "library.LessonDone.user": "lessons you completed",
    "library.CourseProgress.user": "course progress",
    # notifications, audit, privacy
    "notifications.Notification.recipient": "notifications",
    "notifications.NotificationPreference.user": "notification settings",
    "audit.AuditEntry.actor": "audit entries where you acted",
    "privacy.RetentionSetting.updated_by": "retention settings you changed",
}

EXCLUDED: dict[str, str] = {
    "privacy.DataArchive.user": "the archives themselves: an archive does not contain archives",
    "search.SearchDocument.owner": "the search index: copies of texts the archive has under their own kinds",
    "hubs.WorkingGroup.members": "the same rows as hubs.WorkingGroupMember.user",
    "organisations.Organisation.representatives": "the same rows as organisations.Representative.user",
}

# Values never written into an archive, whoever's they are (hashes of secrets).
REDACTED_FIELDS = frozenset({"password", "key_hash", "token_hash"})

# Files are copied into the archive only from rows the person made or that are theirs: a row
# that names them in another role (a task someone else attached a file to) gives no file.
OWN_FILE_FIELDS = frozenset(
    {"user", "author", "uploaded_by", "created_by", "owner", "organiser", "representative"}
)
