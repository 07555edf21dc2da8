# English: the source of every message. Placeholders ({ $name }) must appear in every
# translation; see README "Languages and branding".

## Common

time-utc = { $datetime } UTC
time-in-zone = { $datetime } ({ $zone }, { $offset })
role-phrase-viewer = a viewer
role-phrase-speaker = a speaker
role-phrase-moderator = a moderator
role-name-viewer = Viewer
role-name-speaker = Speaker
role-name-moderator = Moderator
role-word-viewer = viewer
role-word-speaker = speaker
role-word-moderator = moderator
role-plural-viewer = viewers
role-plural-speaker = speakers
role-plural-moderator = moderators
list-two = { $first } and { $second }
permission-live = Live stream
permission-chat = Chat
permission-qa = Questions & answers
permission-interactions = Polls and reactions
permission-backchannel = Speaker backchannel
permission-qa-moderation = Q&A moderation
language-picker = Language

## Pages

page-join-title = Join { $title }
page-starts = Starts { $time }
page-invited-as = You are invited as { $role }.
lobby-form-title = Sign in to the room
lobby-email-label = Your email address
lobby-email-help = Enter the address this invitation was sent to.
lobby-code-promise = We will email you a 6-digit code to confirm it is you.
lobby-code-sent = We sent a 6-digit code to { $email }.
lobby-code-your-address = your address
lobby-code-valid = { $minutes ->
    [one] It works for 1 minute.
   *[other] It works for { $minutes } minutes.
}
lobby-code-spam = Check your spam folder if it does not arrive.
lobby-code-label = Code from the email
lobby-continue = Continue
lobby-login = Login
lobby-resend-hint = No code? You can ask for a new one 30 seconds after the last.
lobby-resend = Send a new code
lobby-sso-hint = This event is for your organization: sign in with your organization's account, using the address the invitation was sent to.
lobby-sso-continue = Continue with sign-in
waiting-denied-title = The host did not let you in
waiting-denied-reason = Their reason: { $reason }
waiting-knock-hint = If you think this is a mistake, you can ask again.
waiting-knock = Knock again
waiting-contact = Contact the organizer if you think this is a mistake.
waiting-title = You are in the waiting room
waiting-note = The host has been told you are here. Keep this page open: it lets you in by itself as soon as they do.
section-speakers = Speakers
section-attachments = Attachments
opens-in-new-tab = (opens in a new tab)
feature-live = The live stream plays here.
feature-chat = Chat with everyone in the room.
feature-qa = Ask the speakers a question.
feature-interactions = Polls and reactions appear here.
feature-backchannel = A private channel for speakers and moderators.
feature-qa-moderation = Approve, answer and dismiss questions.
stage-title = Live room
stage-connecting = Connecting you to the live room…
stage-open = Open the live room
invite-title = Invite someone
invite-help = { $limit ->
    [one] They get an invitation email from you, with a link that works once. You can invite 1 person to this room.
   *[other] They get an invitation email from you, with a link that works once. You can invite up to { $limit } people to this room.
}
invite-email-label = Their email address
invite-role-label = Role
invite-send = Send invitation
invite-sent = Your invitation was sent.
event-opens-itself = This page opens the room by itself when the session starts.
room-you-are = You are { $role }.
countdown-hms = Starts in { $hms }
countdown-days-hms = { $days ->
    [one] Starts in 1 day { $hms }
   *[other] Starts in { $days } days { $hms }
}
panel-title = Waiting room
panel-sound = Play a sound when someone knocks
panel-empty = Nobody is waiting.
panel-admit-all = Admit everyone
panel-admit = Admit
panel-admit-who = Admit { $name }
panel-reason = Reason (optional)
panel-reason-who = Reason for turning { $name } away (optional)
panel-deny = Deny
panel-deny-who = Deny { $name }

## Messages of the page script

js-deciding = The host has decided. One moment…
js-starting = The session is starting. Opening the room…
js-starting-now = Starting now…
js-opening-stage = Opening the live room…
js-stage-retry = The live room could not be reached. Trying again…
js-role-now = Your role is now { $role }.
js-sending = Sending the invitation…
js-invite-not-emailed = The invitation for { $email } was created, but the email could not be sent. Ask the host to resend it.
js-invite-sent = Invitation sent to { $email } as { $role }.
js-invite-failed = The invitation was not sent.
js-invite-unreachable = The invitation was not sent: the service could not be reached. Try again.

## Error pages

error-what-to-do = What you can do
error-code = Error code: { $code }
error-contact = Contact the event organizer.
error-signed-in-as = You signed in as { $email }, but this invitation was sent to another address.
error-signed-in-advice = Sign out of your organization's account and sign in with the address the invitation was sent to, or ask the organizer to invite { $email }.
error-forbidden-page = The sign-in form was sent from another website, so you were not signed in.
error-other-title = Something went wrong
error-other-message = Something went wrong on our side. Please try again.
error-other-advice = Refresh the page. If it keeps happening, ask the organizer.
error-invalid_link-title = This link does not work
error-invalid_link-message = This invitation link is not valid.
error-invalid_link-advice = Check that you opened the whole link from the newest invitation email. If the host sent you a new invitation, only its link works. Otherwise ask the organizer for a new link.
error-invite_revoked-title = This invitation was removed
error-invite_revoked-message = The host removed this invitation.
error-invite_revoked-advice = The invitation was removed. Ask the host if you should still attend.
error-room_deleted-title = This room was removed
error-room_deleted-message = This room was deleted.
error-room_deleted-advice = The room was removed. Ask the host for details.
error-link_expired-title = This link has expired
error-link_expired-message = This invitation link has expired.
error-link_expired-advice = Ask the organizer for a new link.
error-link_used-title = This link was already used
error-link_used-message = This invitation link has already been used.
error-link_used-advice = Ask the organizer for a new link.
error-email_mismatch-title = Wrong email address
error-email_mismatch-message = This is not the email address the invitation was sent to.
error-email_mismatch-advice = Enter the email address the invitation was sent to. If you were invited under another address, open the link from that mailbox.
error-too_many_attempts-title = This invitation is locked
error-too_many_attempts-message = Too many wrong email addresses were entered for this invitation.
error-too_many_attempts-advice = For your security this invitation is locked. Ask the organizer to resend the invitation.
error-not_a_participant-title = You have not joined this room
error-not_a_participant-message = You have not joined this room.
error-not_a_participant-advice = Open the invitation link from your email to join this room. If you already joined, refresh the room.
error-domain_blocked-title = Your email domain is blocked
error-domain_blocked-message = Email addresses of this domain are blocked by your organization's policy.
error-domain_blocked-advice = Your organization blocks this email domain. Ask the media owner or organizer to invite another address of yours.
error-invalid_email-title = That is not an email address
error-invalid_email-message = That is not a valid email address.
error-invalid_email-advice = Check the address and try again.
error-room_not_found-title = No such room
error-room_not_found-message = There is no such room.
error-room_not_found-advice = Check the address, or ask the host for a new link.
error-not_found-title = Page not found
error-not_found-message = There is no such page.
error-not_found-advice = Check the address, or open the link from your invitation email again.
error-forbidden-title = This request was refused
error-forbidden-message = You may not do this.
error-forbidden-advice = Open the invitation link from your email yourself and enter your address on that page.
error-guest-disabled = Inviting people from the room is turned off by your organization.
error-guest-viewer = Viewers cannot invite people. Ask a speaker, a moderator or the host.
error-guest-above-role = As { $inviter } you can invite { $roles }, not { $requested }. Ask the host.
error-guest-advice = Ask the host to invite them.
error-guest-cross-site = The invitation form was sent from another website, so it was refused.
error-invite_limit_reached-title = You have reached your invitation limit
error-invite_limit_reached-message = You have sent as many invitations for this room as your organization allows.
error-invite_limit_reached-advice = Ask the host to invite more people.
error-code_invalid-title = That code is not right
error-code_invalid-message = That code is not right.
error-code_invalid-advice = Check the 6-digit code in the newest email we sent you and type it again.
error-code_expired-title = Ask for a new code
error-code_expired-message = That code has expired or was used up. Ask for a new code.
error-code_expired-advice = Ask for a new code: we will email it to you at once.
error-too_many_requests-title = Please wait a moment
error-too_many_requests-message = Please wait a little before asking again.
error-too_many_requests-advice = Wait a moment, then try again. Check your inbox and spam folder for the code we already sent.
error-sso_failed-title = The sign-in did not complete
error-sso_failed-message = The sign-in did not complete.
error-sso_failed-advice = Start the sign-in again from the invitation link. If it keeps failing, ask the organizer.
error-verification_required-title = Sign in to continue
error-verification_required-message = This invitation needs you to sign in with your organization's account.
error-verification_required-advice = Continue with your organization's sign-in.
error-identity_provider_unavailable-title = Sign-in is unavailable right now
error-identity_provider_unavailable-message = Your organization's sign-in cannot be reached right now.
error-identity_provider_unavailable-advice = Wait a moment, then try again. If it keeps happening, ask the organizer.
error-service_unavailable-title = The service is busy
error-service_unavailable-message = The service is busy or briefly unavailable. Please try again in a moment.
error-service_unavailable-advice = This page tries again by itself in a few seconds. If it keeps happening, try again later.
error-awaiting_approval-title = You are in the waiting room
error-awaiting_approval-message = You are in the waiting room: the host will let you in.
error-awaiting_approval-advice = Keep this page open: it enters the room by itself as soon as the host lets you in.
error-admission_denied-title = The host did not let you in
error-admission_denied-message = The host did not let you in.
error-admission_denied-advice = If you think this is a mistake, you can knock again in a minute, or contact the organizer.
error-not_live-title = The room is not live yet
error-not_live-message = The room is not live yet.
error-not_live-advice = Open the event page: it enters the room by itself when the session starts.
error-room_backend_unavailable-title = The live room cannot be reached
error-room_backend_unavailable-message = The live room could not be reached. Please try again.
error-room_backend_unavailable-advice = Refresh the page in a moment. If it keeps happening, ask the organizer.

## Emails

email-link-once = The link works once: open it on the device you will watch on.
email-link-n-times = { $uses ->
    [one] The link works once.
   *[other] The link works { $uses } times.
}
email-link-unlimited = The link works any number of times until it expires.
email-the-organizer = The organizer
email-guest-inviter = { $name }, { $role } in this room,
email-invitation-subject = Invitation: { $title }
email-invitation-heading = You are invited to { $title }
email-invitation-who = { $who } invited you to "{ $title }" as { $role }.
email-starts = Starts: { $time }
email-join = Join the room
email-join-text = Join: { $link }
email-valid-until = The link is valid until { $time }. { $uses }
email-enter-address = When asked, enter this email address ({ $email }).
email-copy-link = If the button does not work, copy this address into your browser:
email-ignore = If you did not expect this invitation, you can ignore this email.
email-code-subject = Your code for { $title }
email-code-heading = Your code for { $title }
email-code-intro = Your code to join "{ $title }" is:
email-code-type-it = Type this code on the page where you asked for it.
email-code-valid = { $minutes ->
    [one] It works once, for 1 minute.
   *[other] It works once, for { $minutes } minutes.
}
email-code-ignore = If you did not ask for a code, you can ignore this email: without it, nobody can use your invitation.
email-role-subject = Your role in { $title } is now { $role }
email-role-changed = Your role in "{ $title }" changed from { $from } to { $to }.
email-role-gained = You can now use: { $list }.
email-role-lost = You no longer have: { $list }.
email-role-nothing-to-do = Nothing to do: it applies in the room ({ $url }) within seconds.
email-when-tomorrow = tomorrow
email-when-days = { $n ->
    [one] in 1 day
   *[other] in { $n } days
}
email-when-hours = { $n ->
    [one] in 1 hour
   *[other] in { $n } hours
}
email-when-minutes = { $n ->
    [one] in 1 minute
   *[other] in { $n } minutes
}
email-reminder-subject = Reminder: { $title } starts { $when }
email-reminder-heading = { $title } starts { $when }
email-reminder-joined = If you already joined, the room is here: { $url }
email-reminder-otherwise = Otherwise, open the link in your invitation email and enter this address ({ $email }).
email-update-subject = Updated: { $title } now starts { $time }
email-update-heading = { $title } was rescheduled
email-update-now-starts = It now starts { $time }.
email-update-same-link = Your invitation link stays the same. The attached calendar file updates the event in your calendar.
email-cancel-subject = Cancelled: { $title }
email-cancel-heading = { $title } was cancelled
email-cancel-body = The session of { $time } was cancelled by the organizer. Your invitation link no longer works.
email-cancel-calendar = The attached calendar file removes the event from your calendar.
email-unsubscribe = Stop reminders and updates for this event
email-unsubscribe-text = Stop reminders and updates for this event: { $url }
calendar-description = Join with the link in your invitation email.
calendar-organizer = Room invitations

## One-click unsubscribe page

unsubscribe-title = Stop reminders for { $title }
unsubscribe-explain = You will get no more reminders, updates or cancellations of this event at { $email }. Invitations a host sends you later still arrive.
unsubscribe-confirm = Stop these emails
unsubscribe-done-title = You will get no more reminders for this event
unsubscribe-done = { $email } gets no more reminders, updates or cancellations of { $title }.
error-guest-refused-title = This invitation was refused
