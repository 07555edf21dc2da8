# English: the source of the host console's messages (shared/src/http/console/*.rs and
# the texts of shared/assets/console.js). Placeholders ({ $name }) must appear in every
# translation. Setting names, CSV column names, role and value names of the CSV and error
# codes are placeholders or stay outside the messages: they are not translated.
# Messages for the script ("console-js-…") are handed to it by the page; a message with
# a plural ({ $count -> … }) is rendered once per plural category of the language.

## Layout (every console page)

console-name = Host console
# The browser tab's title: the page's title, then the console's name.
console-page-title = { $page } · Host console
console-skip = Skip to content
# Who is signed in: their email address (or ID) and their organization.
console-who = { $who } · { $org }
console-who-read-only = { $who } · { $org } · read-only
console-sign-out = Sign out
console-language-picker = Language
console-tabs-label = Room
console-tab-room = Room
console-tab-invites = Invites
console-tab-participants = Participants
console-tab-dashboard = Dashboard
console-pager-label = Pages
console-pager-first = ← First page
console-pager-next = Next page →
# A table cell without a value.
console-none = —

## Values shown in tables and lists

console-room-status-scheduled = scheduled
console-room-status-live = live
console-role-viewer = viewer
console-role-speaker = speaker
console-role-moderator = moderator
console-invite-status-active = active
console-invite-status-used = used
console-invite-status-expired = expired
console-invite-status-revoked = revoked
console-invite-status-locked = locked
console-delivery-sent = sent
console-delivery-queued = queued
console-delivery-pending = pending
console-delivery-not-sent = not sent
console-delivery-failed = failed
console-delivery-delivered = delivered
console-delivery-bounced = bounced
console-delivery-complained = complained
console-admission-admitted = admitted
console-admission-waiting = waiting
console-admission-denied = denied
console-verify-email = typing it
console-verify-code = a code sent to it
console-verify-sso = the organization's sign-in
console-approval-none = nobody
console-approval-shared-links = people on shared links
console-approval-everyone = everyone

## Errors (the error page, the forms' error notes and the script's stop messages)

console-error-title-unauthorized = Please sign in
console-error-title-forbidden = Not allowed
console-error-title-not-found = Not found
console-error-title-link-used = This sign-in link was used already
console-error-title-other = Something went wrong
console-error-unauthorized = Your console session has ended or is missing. Sign in again.
console-error-forbidden = Your sign-in does not allow this, or the form came from another website. Changes need the write permission and a form of this console.
console-error-link-used = A console sign-in link works once. Restart local mode for a new one, or sign in with your identity provider.
console-error-not-found = There is no such page.
console-error-room-not-found = There is no such room in your organization.
console-error-invite-not-found = There is no such invite in this room.
console-error-participant-not-found = There is no such participant in this room.
console-error-invalid-email = That is not a valid email address.
console-error-domain-blocked = Email addresses of this domain are blocked by your organization's policy.
console-error-invalid-expiry = The link's expiry must be in the future and at most 30 days ahead.
console-error-invite-limit-reached = This room has as many invitations as your organization allows.
console-error-payload-too-large = That is too much data for one request.
console-error-sso-failed = The sign-in did not complete. Start it again.
console-error-identity-provider-unavailable = Your identity provider cannot be reached right now. Try again shortly.
console-error-too-many-requests = Too many requests. Wait a moment, then try again.
console-error-service-unavailable = The service is busy or briefly unavailable. Try again in a moment.
console-error-internal = Something went wrong on our side. Try again.
console-error-other = The request could not be completed.
# { $code } is the error's code (such as forbidden), shown as code.
console-error-code = Error code: { $code }
console-error-back = Back to the console
# A form's error note: the reason, then the error's code.
console-error-with-code = { $message } ({ $code })
console-error-reminders = Reminders are minutes before the start, separated by commas.
console-error-uses = Uses must be a whole number.
# { $detail } is the technical reason (in English).
console-error-check-form = Check the form: { $detail }.
console-error-invalid-invite = The invite is not valid: { $detail }.

## Sign-in and sign-out pages

console-sign-in-title = Sign in
console-sign-in-heading = Sign in to the host console
console-sign-in-local = In local mode, open the one-time sign-in link that the service printed when it started.
# Followed by the list of the two settings' names.
console-sign-in-provider = With your organization's identity provider, set these settings of the service:
# { $setting } is the setting's name (HOST_OIDC_CLIENT_SECRET).
console-sign-in-secret = If your provider gives the console a secret, set { $setting } too.
console-signed-in-title = Signed in
console-signed-in-continue = Continue to the console
console-signed-out-title = Signed out
console-signed-out-heading = You are signed out
console-sign-in-again = Sign in again

## The room list

console-rooms-title = Rooms
console-rooms-empty = No rooms yet.
console-rooms-caption = Your organization's rooms
console-col-title = Title
console-col-starts = Starts
console-col-status = Status
console-new-room = New room
console-create-room = Create room

## The room page and the room form

# { $time } is the start (date and time), { $status } the room's status.
console-room-starts = Starts { $time } · { $status }
console-edit-room = Edit the room
console-save = Save changes
console-saved = Saved.
console-delete-link = Delete this room…
console-field-title = Title
console-field-description = Description
console-field-starts = Starts (UTC)
console-field-ends = Ends (UTC, optional)
console-field-speakers = Speakers
# Keep the | between the two parts.
console-field-speakers-hint = One per line: Name | Title
console-field-attachments = Attachments
# Keep the | between the two parts.
console-field-attachments-hint = One per line: Name | https://link
console-field-reminders = Reminders (minutes before the start)
console-field-verify = Invitees prove their address by
console-field-approval = A moderator approves
console-fact-ends = Ends
console-fact-reminders = Reminders
# { $minutes } is the list of minutes (1440, 15).
console-fact-reminders-minutes = Minutes before the start: { $minutes }
console-fact-no-reminders = No reminders
# A speaker with a title.
console-speaker-with-title = { $name } ({ $title })

## Invite one person (on the room page)

console-invite-one = Invite one person
console-field-email = Email address
console-field-role = Role
console-field-uses = Uses (empty: unlimited)
console-field-link-expires = Link expires (UTC, optional)
console-field-send-email = Email the invitation (otherwise copy the link yourself)
console-invite = Invite
console-invited = Invited { $email } as { $role ->
    [speaker] speaker
    [moderator] moderator
   *[viewer] viewer
}.
console-new-link = Their link (shown once)
console-copy-link = Copy link

## The import (on the room page)

console-import-heading = Import invitees
# The column names ({ $email }, { $role }, …), role values and example dates are shown as
# code and stay as they are.
console-import-hint = A CSV file or a pasted list, up to { $max } rows. Columns: { $email }, { $role } ({ $viewer }, { $speaker } or { $moderator }), and optionally { $uses }, { $expiry } (a date such as { $date } or a time such as { $time }) and { $locale }. A first row naming the columns is recognised.
console-import-noscript = The import needs JavaScript; without it, invite people one by one above.
console-import-file = CSV file
console-import-paste = Or paste the list
console-import-send = Email the invitations
console-import-check = Check the rows
console-import-start = Send
console-import-progress = Import progress
console-import-rejected = Download the rejected rows (CSV)

## The import's script (texts the browser shows while checking and sending)

console-js-resume-note = { $total ->
    [one] An import stopped after { $done } of { $total } row. Choose the same file (or paste the same list) and check it again to resume; rows already sent are not sent twice.
   *[other] An import stopped after { $done } of { $total } rows. Choose the same file (or paste the same list) and check it again to resume; rows already sent are not sent twice.
}
console-js-counts = { $rows ->
    [one] { $rows } row: { $ready } ready, { $bad } with problems (not sent).
   *[other] { $rows } rows: { $ready } ready, { $bad } with problems (not sent).
}
console-js-counts-header = { $rows ->
    [one] { $rows } row (first row read as column names): { $ready } ready, { $bad } with problems (not sent).
   *[other] { $rows } rows (first row read as column names): { $ready } ready, { $bad } with problems (not sent).
}
console-js-preview-caption = First rows
console-js-preview-label = Preview of the rows
console-js-col-row = Row
console-js-col-email = Email
console-js-col-role = Role
console-js-col-check = Check
console-js-row-ok = ok
# A row's problem in the preview: the error code, then the sentence.
console-js-row-problem = { $code }: { $message }
console-js-too-many-rows = { $max ->
    [one] Only { $max } row per import.
   *[other] Only { $max } rows per import.
}
console-js-invalid-email = Not an email address.
# { $viewer }, { $speaker }, { $moderator }: the role values of the file.
console-js-bad-role = The role must be { $viewer }, { $speaker } or { $moderator }.
# { $column } is the column's name (uses).
console-js-bad-uses = The { $column } column must be a whole number from 1.
console-js-bad-expiry = The { $column } column is not a date.
console-js-bad-locale = The { $column } column names none of the languages: { $languages }.
console-js-duplicate = This address is in the file already.
console-js-resume-before = { $rows ->
    [one] Resume: { $rows } row was sent before.
   *[other] Resume: { $rows } rows were sent before.
}
console-js-will-create = { $count ->
    [one] { $count } invitation will be created.
   *[other] { $count } invitations will be created.
}
console-js-emails-go-out = { $count ->
    [one] { $count } email will go out.
   *[other] { $count } emails will go out.
}
console-js-no-emails = No emails will go out.
console-js-send-emails = { $count ->
    [one] Send { $count } email
   *[other] Send { $count } emails
}
console-js-resume-send-emails = { $count ->
    [one] Resume and send { $count } email
   *[other] Resume and send { $count } emails
}
console-js-create-invitations = { $count ->
    [one] Create { $count } invitation
   *[other] Create { $count } invitations
}
console-js-progress = { $total ->
    [one] { $done } of { $total } row done. Errors: { $errors }.
   *[other] { $done } of { $total } rows done. Errors: { $errors }.
}
console-js-time-left = { $seconds ->
    [one] About { $seconds } second left.
   *[other] About { $seconds } seconds left.
}
# { $status } is the HTTP status code.
console-js-retry = Waiting to retry (HTTP { $status })…
console-js-retry-offline = No connection. Waiting to retry…
console-js-import-stopped = The import stopped ({ $code }). Reload the page to resume.
console-js-import-finished = Finished: { $invited } invited, { $rejected } rejected.
console-js-rejected-download = { $count ->
    [one] Download the { $count } rejected row (CSV)
   *[other] Download the { $count } rejected rows (CSV)
}
console-js-copied = Copied
# { $keys } is the keyboard shortcut (Ctrl+C).
console-js-copy-by-keys = Press { $keys } to copy

## The invites page

console-invites-title = Invites
console-invites-heading = Invites of { $title }
console-invites-filter-label = Filter the invites
console-filter-status = Status
console-filter-role = Role
console-filter-delivery = Delivery
console-filter-email = Email (exact)
console-filter-any = any
console-filter = Filter
console-invites-download = Download these invites (CSV)
console-bulk-label = For every invite matching these filters
console-bulk-resend = Resend the invitation
console-bulk-revoke = Revoke the link
console-bulk-run = Run on all matching
console-bulk-progress = Bulk action progress
console-invites-caption = Invites
console-col-email = Email
console-col-role = Role
console-col-delivery = Delivery
console-col-uses = Uses
console-col-created = Created
console-col-actions = Actions
# Uses so far of at most { $max }.
console-uses-of = { $uses } / { $max }
console-resend = Resend
console-revoke = Revoke
console-resend-to = Resend to { $email }
console-revoke-who = Revoke { $email }
console-invites-empty = No invites match.

## A bulk action without the script (one page of 100 invites per form post)

console-bulk-title = Bulk action
console-bulk-heading = { $action ->
    [revoke] Bulk action: revoke the links
   *[resend] Bulk action: resend the invitations
}
console-bulk-page-result = { $done ->
    [one] { $done } invite done, { $failed } not possible on this page.
   *[other] { $done } invites done, { $failed } not possible on this page.
}
console-bulk-continue = Continue with the next page
console-bulk-finished = Finished.
console-back-to-invites = Back to the invites

## The bulk action's script

console-js-bulk-progress = { $done ->
    [one] { $done } invite done, { $failed } not possible…
   *[other] { $done } invites done, { $failed } not possible…
}
console-js-bulk-finished = { $done ->
    [one] Finished: { $done } invite done, { $failed } not possible.
   *[other] Finished: { $done } invites done, { $failed } not possible.
}
console-js-bulk-stopped = Stopped ({ $code }).

## The participants page

console-participants-title = Participants
console-participants-heading = Participants of { $title }
console-participants-filter-label = Filter the participants
console-participants-download = Download these participants (CSV)
console-participants-caption = Participants
console-col-admission = Admission
console-col-joined = Joined
console-role-of = Role of { $email }
console-change-role = Change
console-participants-empty = Nobody has joined yet.

## The dashboard

console-dashboard-title = Dashboard
console-dashboard-heading = Dashboard of { $title }
console-dashboard-noscript = Reload the page for new numbers.
console-funnel = Funnel
console-funnel-invited = Invited
console-funnel-delivered = Delivered
console-funnel-redeemed = Redeemed
console-funnel-in-room = In the room
console-by-status = Invites by status
console-delivery = Delivery
console-by-role = Participants by role
# { $count } is shown in bold.
console-joined = Joined participants: { $count }
console-over-time = Redemptions over time
# A chart's row for screen readers: the bar's name and its number.
console-chart-row = { $label }: { $count }.
console-no-redemptions = No redemptions yet.
console-redemptions-between = { $count ->
    [one] { $count } redemption between { $first } and { $last }.
   *[other] { $count } redemptions between { $first } and { $last }.
}
# { $first } and { $last } are dates and times.
console-redemptions-shown = { $count ->
    [one] { $count } redemption shown, from { $first } to { $last }.
   *[other] { $count } redemptions shown, from { $first } to { $last }.
}

## Delete a room

console-delete-title = Delete room
console-delete-heading = Delete { $title }?
console-delete-count = { $count ->
    [one] { $count } person will get a cancellation email.
   *[other] { $count } people will get a cancellation email.
}
console-delete-warning = Their links stop working. This cannot be undone.
console-delete-confirm = { $count ->
    [one] Delete the room and notify { $count } person
   *[other] Delete the room and notify { $count } people
}
console-keep = Keep it

## The organization's branding

# The link in the console's bar.
console-branding-link = Branding
console-branding-title = Branding
console-branding-heading = Your organization's branding
console-branding-intro = How invitees see your organization: on the event pages, the error pages, in every email and in the calendar file. An empty field keeps the service's own look.
console-branding-display-name = Display name
console-branding-display-name-hint = Shown at the top of the pages and emails, and as the calendar's organizer.
console-branding-accent = Accent colour
# The colour is written as #rrggbb (such as #0b5cad).
console-branding-accent-hint = The colour of buttons and links, as #rrggbb. White text goes on it, so it must be dark enough: a contrast of at least 4.5:1.
console-branding-logo = Logo
console-branding-logo-alt = Your organization's current logo
console-branding-no-logo = No logo yet.
console-branding-remove-logo = Remove the logo
console-branding-logo-file = New logo
console-branding-logo-hint = A PNG, JPEG or WebP image of at most 200 KB. Leave empty to keep the current logo.
console-branding-sender = Email sender name
console-branding-sender-hint = The name your invitees' mail program shows as the sender.
console-branding-reply-to = Reply-to address
console-branding-reply-to-hint = Where your invitees' replies go.
console-branding-support = Support line
console-branding-support-hint = Shown on every error page instead of "Contact the event organizer".
console-branding-read-only = You can see the branding; changing it needs the write permission.
