# Deutsch (Sie-Form). Needs a native speaker's review (see README).

## Common

time-utc = { $datetime } UTC
time-in-zone = { $datetime } ({ $zone }, { $offset })
role-phrase-viewer = Zuschauer:in
role-phrase-speaker = Sprecher:in
role-phrase-moderator = Moderator:in
role-name-viewer = Zuschauer
role-name-speaker = Sprecher
role-name-moderator = Moderator
role-word-viewer = Zuschauer
role-word-speaker = Sprecher
role-word-moderator = Moderator
role-plural-viewer = Zuschauer
role-plural-speaker = Sprecher
role-plural-moderator = Moderatoren
list-two = { $first } und { $second }
permission-live = Livestream
permission-chat = Chat
permission-qa = Fragen & Antworten
permission-interactions = Umfragen und Reaktionen
permission-backchannel = Hinterzimmer der Sprecher
permission-qa-moderation = Moderation der Fragen
language-picker = Sprache

## Pages

page-join-title = { $title } beitreten
page-starts = Beginn: { $time }
page-invited-as = Sie sind eingeladen als { $role }.
lobby-form-title = Im Raum anmelden
lobby-email-label = Ihre E-Mail-Adresse
lobby-email-help = Geben Sie die Adresse ein, an die diese Einladung geschickt wurde.
lobby-code-promise = Wir senden Ihnen einen 6-stelligen Code per E-Mail, um zu bestätigen, dass Sie es sind.
lobby-code-sent = Wir haben einen 6-stelligen Code an { $email } gesendet.
lobby-code-your-address = Ihre Adresse
lobby-code-valid = { $minutes ->
    [one] Er gilt 1 Minute lang.
   *[other] Er gilt { $minutes } Minuten lang.
}
lobby-code-spam = Sehen Sie im Spam-Ordner nach, falls er nicht ankommt.
lobby-code-label = Code aus der E-Mail
lobby-continue = Weiter
lobby-login = Anmelden
lobby-resend-hint = Kein Code angekommen? Einen neuen können Sie 30 Sekunden nach dem letzten anfordern.
lobby-resend = Neuen Code senden
lobby-sso-hint = Diese Veranstaltung ist für Ihre Organisation: Melden Sie sich mit dem Konto Ihrer Organisation an, und zwar mit der Adresse, an die die Einladung ging.
lobby-sso-continue = Weiter zur Anmeldung
waiting-denied-title = Der Gastgeber hat Sie nicht eingelassen
waiting-denied-reason = Begründung: { $reason }
waiting-knock-hint = Wenn Sie das für einen Irrtum halten, können Sie erneut fragen.
waiting-knock = Erneut anklopfen
waiting-contact = Wenden Sie sich an den Veranstalter, wenn Sie das für einen Irrtum halten.
waiting-title = Sie sind im Warteraum
waiting-note = Der Gastgeber weiß, dass Sie da sind. Lassen Sie diese Seite offen: Sie lässt Sie von selbst hinein, sobald er Sie einlässt.
section-speakers = Sprecher
section-attachments = Anhänge
opens-in-new-tab = (öffnet in einem neuen Tab)
feature-live = Hier läuft der Livestream.
feature-chat = Chatten Sie mit allen im Raum.
feature-qa = Stellen Sie den Sprechern eine Frage.
feature-interactions = Hier erscheinen Umfragen und Reaktionen.
feature-backchannel = Ein privater Kanal für Sprecher und Moderation.
feature-qa-moderation = Fragen freigeben, beantworten und verwerfen.
stage-title = Live-Raum
stage-connecting = Sie werden mit dem Live-Raum verbunden…
stage-open = Live-Raum öffnen
invite-title = Jemanden einladen
invite-help = { $limit ->
    [one] Die Person erhält eine Einladung von Ihnen per E-Mail, mit einem Link, der einmal funktioniert. Sie können 1 Person in diesen Raum einladen.
   *[other] Die Person erhält eine Einladung von Ihnen per E-Mail, mit einem Link, der einmal funktioniert. Sie können bis zu { $limit } Personen in diesen Raum einladen.
}
invite-email-label = E-Mail-Adresse der Person
invite-role-label = Rolle
invite-send = Einladung senden
invite-sent = Ihre Einladung wurde gesendet.
event-opens-itself = Diese Seite öffnet den Raum von selbst, wenn die Sitzung beginnt.
room-you-are = Sie sind { $role }.
countdown-hms = Beginnt in { $hms }
countdown-days-hms = { $days ->
    [one] Beginnt in 1 Tag { $hms }
   *[other] Beginnt in { $days } Tagen { $hms }
}
panel-title = Warteraum
panel-sound = Ton abspielen, wenn jemand anklopft
panel-empty = Niemand wartet.
panel-admit-all = Alle einlassen
panel-admit = Einlassen
panel-admit-who = { $name } einlassen
panel-reason = Begründung (optional)
panel-reason-who = Begründung, warum { $name } abgewiesen wird (optional)
panel-deny = Abweisen
panel-deny-who = { $name } abweisen

## Messages of the page script

js-deciding = Der Gastgeber hat entschieden. Einen Moment…
js-starting = Die Sitzung beginnt. Der Raum wird geöffnet…
js-starting-now = Beginnt jetzt…
js-opening-stage = Der Live-Raum wird geöffnet…
js-stage-retry = Der Live-Raum war nicht erreichbar. Neuer Versuch…
js-role-now = Ihre Rolle ist jetzt: { $role }.
js-sending = Die Einladung wird gesendet…
js-invite-not-emailed = Die Einladung für { $email } wurde angelegt, aber die E-Mail konnte nicht gesendet werden. Bitten Sie den Gastgeber, sie erneut zu senden.
js-invite-sent = Einladung an { $email } gesendet, als { $role }.
js-invite-failed = Die Einladung wurde nicht gesendet.
js-invite-unreachable = Die Einladung wurde nicht gesendet: Der Dienst war nicht erreichbar. Versuchen Sie es noch einmal.

## Error pages

error-what-to-do = Was Sie tun können
error-code = Fehlercode: { $code }
error-contact = Wenden Sie sich an den Veranstalter.
error-signed-in-as = Sie haben sich als { $email } angemeldet, aber diese Einladung ging an eine andere Adresse.
error-signed-in-advice = Melden Sie sich vom Konto Ihrer Organisation ab und mit der Adresse an, an die die Einladung ging, oder bitten Sie den Veranstalter, { $email } einzuladen.
error-forbidden-page = Das Anmeldeformular wurde von einer anderen Website gesendet, deshalb wurden Sie nicht angemeldet.
error-other-title = Etwas ist schiefgelaufen
error-other-message = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es noch einmal.
error-other-advice = Laden Sie die Seite neu. Wenn es wieder passiert, fragen Sie den Veranstalter.
error-invalid_link-title = Dieser Link funktioniert nicht
error-invalid_link-message = Dieser Einladungslink ist ungültig.
error-invalid_link-advice = Prüfen Sie, ob Sie den ganzen Link aus der neuesten Einladung geöffnet haben. Hat der Gastgeber Ihnen eine neue Einladung geschickt, funktioniert nur deren Link. Sonst bitten Sie den Veranstalter um einen neuen Link.
error-invite_revoked-title = Diese Einladung wurde zurückgezogen
error-invite_revoked-message = Der Gastgeber hat diese Einladung zurückgezogen.
error-invite_revoked-advice = Die Einladung wurde zurückgezogen. Fragen Sie den Gastgeber, ob Sie trotzdem teilnehmen sollen.
error-room_deleted-title = Dieser Raum wurde entfernt
error-room_deleted-message = Dieser Raum wurde gelöscht.
error-room_deleted-advice = Der Raum wurde entfernt. Fragen Sie den Gastgeber nach Einzelheiten.
error-link_expired-title = Dieser Link ist abgelaufen
error-link_expired-message = Dieser Einladungslink ist abgelaufen.
error-link_expired-advice = Bitten Sie den Veranstalter um einen neuen Link.
error-link_used-title = Dieser Link wurde schon benutzt
error-link_used-message = Dieser Einladungslink wurde bereits verwendet.
error-link_used-advice = Bitten Sie den Veranstalter um einen neuen Link.
error-email_mismatch-title = Falsche E-Mail-Adresse
error-email_mismatch-message = An diese E-Mail-Adresse wurde die Einladung nicht geschickt.
error-email_mismatch-advice = Geben Sie die Adresse ein, an die die Einladung ging. Wurden Sie unter einer anderen Adresse eingeladen, öffnen Sie den Link aus jenem Postfach.
error-too_many_attempts-title = Diese Einladung ist gesperrt
error-too_many_attempts-message = Für diese Einladung wurden zu oft falsche E-Mail-Adressen eingegeben.
error-too_many_attempts-advice = Zu Ihrer Sicherheit ist diese Einladung gesperrt. Bitten Sie den Veranstalter, sie erneut zu senden.
error-not_a_participant-title = Sie sind diesem Raum nicht beigetreten
error-not_a_participant-message = Sie sind diesem Raum nicht beigetreten.
error-not_a_participant-advice = Öffnen Sie den Einladungslink aus Ihrer E-Mail, um dem Raum beizutreten. Wenn Sie schon beigetreten sind, laden Sie den Raum neu.
error-domain_blocked-title = Ihre E-Mail-Domain ist gesperrt
error-domain_blocked-message = Adressen dieser Domain sind durch die Richtlinie Ihrer Organisation gesperrt.
error-domain_blocked-advice = Ihre Organisation sperrt diese E-Mail-Domain. Bitten Sie den Veranstalter, eine andere Adresse von Ihnen einzuladen.
error-invalid_email-title = Das ist keine E-Mail-Adresse
error-invalid_email-message = Das ist keine gültige E-Mail-Adresse.
error-invalid_email-advice = Prüfen Sie die Adresse und versuchen Sie es noch einmal.
error-room_not_found-title = Diesen Raum gibt es nicht
error-room_not_found-message = Diesen Raum gibt es nicht.
error-room_not_found-advice = Prüfen Sie die Adresse oder bitten Sie den Gastgeber um einen neuen Link.
error-not_found-title = Seite nicht gefunden
error-not_found-message = Diese Seite gibt es nicht.
error-not_found-advice = Prüfen Sie die Adresse oder öffnen Sie den Link aus Ihrer Einladung erneut.
error-forbidden-title = Diese Anfrage wurde abgelehnt
error-forbidden-message = Das dürfen Sie nicht.
error-forbidden-advice = Öffnen Sie den Einladungslink aus Ihrer E-Mail selbst und geben Sie dort Ihre Adresse ein.
error-guest-disabled = Einladungen aus dem Raum heraus hat Ihre Organisation abgeschaltet.
error-guest-viewer = Zuschauer können niemanden einladen. Fragen Sie jemanden aus Sprechern, Moderation oder den Gastgeber.
error-guest-above-role = Als { $inviter } können Sie { $roles } einladen, nicht { $requested }. Fragen Sie den Gastgeber.
error-guest-advice = Bitten Sie den Gastgeber, die Person einzuladen.
error-guest-cross-site = Das Einladungsformular wurde von einer anderen Website gesendet und deshalb abgelehnt.
error-invite_limit_reached-title = Sie haben Ihr Einladungslimit erreicht
error-invite_limit_reached-message = Sie haben so viele Einladungen für diesen Raum gesendet, wie Ihre Organisation erlaubt.
error-invite_limit_reached-advice = Bitten Sie den Gastgeber, weitere Personen einzuladen.
error-code_invalid-title = Dieser Code stimmt nicht
error-code_invalid-message = Dieser Code stimmt nicht.
error-code_invalid-advice = Prüfen Sie den 6-stelligen Code in der neuesten E-Mail von uns und geben Sie ihn noch einmal ein.
error-code_expired-title = Fordern Sie einen neuen Code an
error-code_expired-message = Dieser Code ist abgelaufen oder verbraucht. Fordern Sie einen neuen an.
error-code_expired-advice = Fordern Sie einen neuen Code an: Wir schicken ihn sofort per E-Mail.
error-too_many_requests-title = Bitte warten Sie einen Moment
error-too_many_requests-message = Bitte warten Sie ein wenig, bevor Sie erneut fragen.
error-too_many_requests-advice = Warten Sie einen Moment und versuchen Sie es dann noch einmal. Sehen Sie in Posteingang und Spam-Ordner nach dem Code, den wir schon gesendet haben.
error-sso_failed-title = Die Anmeldung wurde nicht abgeschlossen
error-sso_failed-message = Die Anmeldung wurde nicht abgeschlossen.
error-sso_failed-advice = Beginnen Sie die Anmeldung erneut über den Einladungslink. Scheitert sie weiter, fragen Sie den Veranstalter.
error-verification_required-title = Melden Sie sich an, um fortzufahren
error-verification_required-message = Für diese Einladung müssen Sie sich mit dem Konto Ihrer Organisation anmelden.
error-verification_required-advice = Fahren Sie mit der Anmeldung Ihrer Organisation fort.
error-identity_provider_unavailable-title = Die Anmeldung ist gerade nicht verfügbar
error-identity_provider_unavailable-message = Die Anmeldung Ihrer Organisation ist gerade nicht erreichbar.
error-identity_provider_unavailable-advice = Warten Sie einen Moment und versuchen Sie es dann noch einmal. Wenn es wieder passiert, fragen Sie den Veranstalter.
error-service_unavailable-title = Der Dienst ist ausgelastet
error-service_unavailable-message = Der Dienst ist ausgelastet oder kurz nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.
error-service_unavailable-advice = Diese Seite versucht es in wenigen Sekunden von selbst noch einmal. Wenn es weiter passiert, versuchen Sie es später.
error-awaiting_approval-title = Sie sind im Warteraum
error-awaiting_approval-message = Sie sind im Warteraum: Der Gastgeber lässt Sie ein.
error-awaiting_approval-advice = Lassen Sie diese Seite offen: Sie betritt den Raum von selbst, sobald der Gastgeber Sie einlässt.
error-admission_denied-title = Der Gastgeber hat Sie nicht eingelassen
error-admission_denied-message = Der Gastgeber hat Sie nicht eingelassen.
error-admission_denied-advice = Wenn Sie das für einen Irrtum halten, können Sie in einer Minute erneut anklopfen oder sich an den Veranstalter wenden.
error-not_live-title = Der Raum ist noch nicht live
error-not_live-message = Der Raum ist noch nicht live.
error-not_live-advice = Öffnen Sie die Veranstaltungsseite: Sie betritt den Raum von selbst, wenn die Sitzung beginnt.
error-room_backend_unavailable-title = Der Live-Raum ist nicht erreichbar
error-room_backend_unavailable-message = Der Live-Raum war nicht erreichbar. Bitte versuchen Sie es noch einmal.
error-room_backend_unavailable-advice = Laden Sie die Seite gleich neu. Wenn es weiter passiert, fragen Sie den Veranstalter.
error-guest-refused-title = Diese Einladung wurde abgelehnt

## Emails

email-link-once = Der Link funktioniert einmal: Öffnen Sie ihn auf dem Gerät, auf dem Sie zuschauen werden.
email-link-n-times = { $uses ->
    [one] Der Link funktioniert einmal.
   *[other] Der Link funktioniert { $uses }-mal.
}
email-link-unlimited = Der Link funktioniert beliebig oft, bis er abläuft.
email-the-organizer = Der Veranstalter
email-guest-inviter = { $name } ({ $role } in diesem Raum)
email-invitation-subject = Einladung: { $title }
email-invitation-heading = Sie sind zu { $title } eingeladen
email-invitation-who = { $who } hat Sie zu „{ $title }“ eingeladen, als { $role }.
email-starts = Beginn: { $time }
email-join = Dem Raum beitreten
email-join-text = Beitreten: { $link }
email-valid-until = Der Link gilt bis { $time }. { $uses }
email-enter-address = Geben Sie auf Nachfrage diese E-Mail-Adresse ein ({ $email }).
email-copy-link = Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:
email-ignore = Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.
email-code-subject = Ihr Code für { $title }
email-code-heading = Ihr Code für { $title }
email-code-intro = Ihr Code, um „{ $title }“ beizutreten, lautet:
email-code-type-it = Geben Sie diesen Code auf der Seite ein, auf der Sie ihn angefordert haben.
email-code-valid = { $minutes ->
    [one] Er funktioniert einmal, 1 Minute lang.
   *[other] Er funktioniert einmal, { $minutes } Minuten lang.
}
email-code-ignore = Wenn Sie keinen Code angefordert haben, können Sie diese E-Mail ignorieren: Ohne ihn kann niemand Ihre Einladung nutzen.
email-role-subject = Ihre Rolle in { $title } ist jetzt { $role }
email-role-changed = Ihre Rolle in „{ $title }“ hat sich von { $from } zu { $to } geändert.
email-role-gained = Sie können jetzt nutzen: { $list }.
email-role-lost = Sie haben nicht mehr: { $list }.
email-role-nothing-to-do = Sie müssen nichts tun: Die Änderung gilt binnen Sekunden im Raum ({ $url }).
email-when-tomorrow = morgen
email-when-days = { $n ->
    [one] in 1 Tag
   *[other] in { $n } Tagen
}
email-when-hours = { $n ->
    [one] in 1 Stunde
   *[other] in { $n } Stunden
}
email-when-minutes = { $n ->
    [one] in 1 Minute
   *[other] in { $n } Minuten
}
email-reminder-subject = Erinnerung: { $title } beginnt { $when }
email-reminder-heading = { $title } beginnt { $when }
email-reminder-joined = Wenn Sie schon beigetreten sind, finden Sie den Raum hier: { $url }
email-reminder-otherwise = Sonst öffnen Sie den Link in Ihrer Einladung und geben diese Adresse ein ({ $email }).
email-update-subject = Geändert: { $title } beginnt jetzt { $time }
email-update-heading = { $title } wurde verschoben
email-update-now-starts = Neuer Beginn: { $time }.
email-update-same-link = Ihr Einladungslink bleibt gleich. Die angehängte Kalenderdatei aktualisiert den Termin in Ihrem Kalender.
email-cancel-subject = Abgesagt: { $title }
email-cancel-heading = { $title } wurde abgesagt
email-cancel-body = Die Sitzung am { $time } wurde vom Veranstalter abgesagt. Ihr Einladungslink funktioniert nicht mehr.
email-cancel-calendar = Die angehängte Kalenderdatei entfernt den Termin aus Ihrem Kalender.
email-unsubscribe = Keine Erinnerungen und Änderungen zu dieser Veranstaltung mehr
email-unsubscribe-text = Keine Erinnerungen und Änderungen zu dieser Veranstaltung mehr: { $url }
calendar-description = Treten Sie mit dem Link aus Ihrer Einladung bei.
calendar-organizer = Raumeinladungen

## One-click unsubscribe page

unsubscribe-title = Keine Erinnerungen mehr zu { $title }
unsubscribe-explain = Sie erhalten an { $email } keine Erinnerungen, Änderungen oder Absagen dieser Veranstaltung mehr. Einladungen, die ein Gastgeber Ihnen später schickt, kommen weiterhin an.
unsubscribe-confirm = Diese E-Mails abbestellen
unsubscribe-done-title = Sie erhalten keine Erinnerungen mehr zu dieser Veranstaltung
unsubscribe-done = { $email } erhält keine Erinnerungen, Änderungen oder Absagen zu { $title } mehr.
