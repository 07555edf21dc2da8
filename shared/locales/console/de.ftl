# Deutsch (Sie-Form): die Texte der Gastgeber-Konsole. Needs a native speaker's review
# (see README). Placeholders ({ $name }) stay exactly as in en.ftl.

## Layout (jede Seite der Konsole)

console-name = Gastgeber-Konsole
console-page-title = { $page } · Gastgeber-Konsole
console-skip = Zum Inhalt springen
console-who = { $who } · { $org }
console-who-read-only = { $who } · { $org } · nur Lesezugriff
console-sign-out = Abmelden
console-language-picker = Sprache
console-tabs-label = Raum
console-tab-room = Raum
console-tab-invites = Einladungen
console-tab-participants = Teilnehmende
console-tab-dashboard = Dashboard
console-pager-label = Seiten
console-pager-first = ← Erste Seite
console-pager-next = Nächste Seite →
console-none = —

## Werte in Tabellen und Listen

console-room-status-scheduled = geplant
console-room-status-live = live
console-role-viewer = Zuschauer
console-role-speaker = Sprecher
console-role-moderator = Moderator
console-invite-status-active = aktiv
console-invite-status-used = verbraucht
console-invite-status-expired = abgelaufen
console-invite-status-revoked = zurückgezogen
console-invite-status-locked = gesperrt
console-delivery-sent = gesendet
console-delivery-queued = in der Warteschlange
console-delivery-pending = ausstehend
console-delivery-not-sent = nicht gesendet
console-delivery-failed = fehlgeschlagen
console-delivery-delivered = zugestellt
console-delivery-bounced = unzustellbar
console-delivery-complained = als Spam gemeldet
console-admission-admitted = eingelassen
console-admission-waiting = wartet
console-admission-denied = abgewiesen
console-verify-email = Eingabe der Adresse
console-verify-code = einen per E-Mail gesendeten Code
console-verify-sso = die Anmeldung der Organisation
console-approval-none = niemanden
console-approval-shared-links = Personen mit geteilten Links
console-approval-everyone = alle

## Fehler (die Fehlerseite, die Fehlerhinweise der Formulare und die Abbruchmeldungen des Skripts)

console-error-title-unauthorized = Bitte melden Sie sich an
console-error-title-forbidden = Nicht erlaubt
console-error-title-not-found = Nicht gefunden
console-error-title-link-used = Dieser Anmeldelink wurde schon benutzt
console-error-title-other = Etwas ist schiefgelaufen
console-error-unauthorized = Ihre Sitzung in der Konsole ist abgelaufen oder fehlt. Melden Sie sich erneut an.
console-error-forbidden = Ihre Anmeldung erlaubt das nicht, oder das Formular kam von einer anderen Website. Änderungen erfordern die Schreibberechtigung und ein Formular dieser Konsole.
console-error-link-used = Ein Anmeldelink der Konsole funktioniert einmal. Starten Sie den lokalen Modus neu, um einen neuen zu erhalten, oder melden Sie sich über Ihren Identitätsanbieter an.
console-error-not-found = Diese Seite gibt es nicht.
console-error-room-not-found = Diesen Raum gibt es in Ihrer Organisation nicht.
console-error-invite-not-found = Diese Einladung gibt es in diesem Raum nicht.
console-error-participant-not-found = Diese Person nimmt an diesem Raum nicht teil.
console-error-invalid-email = Das ist keine gültige E-Mail-Adresse.
console-error-domain-blocked = E-Mail-Adressen dieser Domain sind durch die Richtlinie Ihrer Organisation gesperrt.
console-error-invalid-expiry = Das Ablaufdatum des Links muss in der Zukunft liegen, höchstens 30 Tage im Voraus.
console-error-invite-limit-reached = Dieser Raum hat so viele Einladungen, wie Ihre Organisation erlaubt.
console-error-payload-too-large = Das sind zu viele Daten für eine Anfrage.
console-error-sso-failed = Die Anmeldung wurde nicht abgeschlossen. Beginnen Sie sie erneut.
console-error-identity-provider-unavailable = Ihr Identitätsanbieter ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.
console-error-too-many-requests = Zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es dann noch einmal.
console-error-service-unavailable = Der Dienst ist ausgelastet oder kurz nicht verfügbar. Versuchen Sie es gleich noch einmal.
console-error-internal = Bei uns ist etwas schiefgelaufen. Versuchen Sie es noch einmal.
console-error-other = Die Anfrage konnte nicht ausgeführt werden.
console-error-code = Fehlercode: { $code }
console-error-back = Zurück zur Konsole
console-error-with-code = { $message } ({ $code })
console-error-reminders = Erinnerungen sind Minuten vor dem Beginn, durch Kommas getrennt.
console-error-uses = Die Anzahl der Nutzungen muss eine ganze Zahl sein.
console-error-check-form = Prüfen Sie das Formular: { $detail }.
console-error-invalid-invite = Die Einladung ist ungültig: { $detail }.

## Anmelde- und Abmeldeseiten

console-sign-in-title = Anmelden
console-sign-in-heading = Bei der Gastgeber-Konsole anmelden
console-sign-in-local = Öffnen Sie im lokalen Modus den einmaligen Anmeldelink, den der Dienst beim Start ausgegeben hat.
console-sign-in-provider = Für die Anmeldung über den Identitätsanbieter Ihrer Organisation setzen Sie diese Einstellungen des Dienstes:
console-sign-in-secret = Wenn Ihr Anbieter der Konsole ein Client-Secret gibt, setzen Sie auch { $setting }.
console-signed-in-title = Angemeldet
console-signed-in-continue = Weiter zur Konsole
console-signed-out-title = Abgemeldet
console-signed-out-heading = Sie sind abgemeldet
console-sign-in-again = Erneut anmelden

## Die Raumliste

console-rooms-title = Räume
console-rooms-empty = Noch keine Räume.
console-rooms-caption = Die Räume Ihrer Organisation
console-col-title = Titel
console-col-starts = Beginn
console-col-status = Status
console-new-room = Neuer Raum
console-create-room = Raum erstellen

## Die Raumseite und das Raumformular

console-room-starts = Beginn: { $time } · { $status }
console-edit-room = Raum bearbeiten
console-save = Änderungen speichern
console-saved = Gespeichert.
console-delete-link = Diesen Raum löschen…
console-field-title = Titel
console-field-description = Beschreibung
console-field-starts = Beginn (UTC)
console-field-ends = Ende (UTC, optional)
console-field-speakers = Sprecher
console-field-speakers-hint = Eine Person pro Zeile: Name | Funktion
console-field-attachments = Anhänge
console-field-attachments-hint = Ein Anhang pro Zeile: Name | https://link
console-field-reminders = Erinnerungen (Minuten vor dem Beginn)
console-field-verify = Eingeladene bestätigen ihre Adresse durch
console-field-approval = Freigabe durch die Moderation für
console-fact-ends = Ende
console-fact-reminders = Erinnerungen
console-fact-reminders-minutes = Minuten vor dem Beginn: { $minutes }
console-fact-no-reminders = Keine Erinnerungen
console-speaker-with-title = { $name } ({ $title })

## Eine Person einladen (auf der Raumseite)

console-invite-one = Eine Person einladen
console-field-email = E-Mail-Adresse
console-field-role = Rolle
console-field-uses = Nutzungen (leer: unbegrenzt)
console-field-link-expires = Ablauf des Links (UTC, optional)
console-field-send-email = Einladung per E-Mail senden (sonst kopieren Sie den Link selbst)
console-invite = Einladen
console-invited = { $email } wurde als { $role ->
    [speaker] Sprecher
    [moderator] Moderator
   *[viewer] Zuschauer
} eingeladen.
console-new-link = Link der Person (wird nur einmal angezeigt)
console-copy-link = Link kopieren

## Der Import (auf der Raumseite)

console-import-heading = Eingeladene importieren
console-import-hint = Eine CSV-Datei oder eine eingefügte Liste mit bis zu { $max } Zeilen. Spalten: { $email }, { $role } ({ $viewer }, { $speaker } oder { $moderator }) und optional { $uses }, { $expiry } (ein Datum wie { $date } oder ein Zeitpunkt wie { $time }) und { $locale }. Eine erste Zeile mit den Spaltennamen wird erkannt.
console-import-noscript = Der Import braucht JavaScript; ohne JavaScript laden Sie Personen oben einzeln ein.
console-import-file = CSV-Datei
console-import-paste = Oder fügen Sie die Liste ein
console-import-send = Einladungen per E-Mail senden
console-import-check = Zeilen prüfen
console-import-start = Senden
console-import-progress = Fortschritt des Imports
console-import-rejected = Abgelehnte Zeilen herunterladen (CSV)

## Das Skript des Imports (Texte, die der Browser beim Prüfen und Senden zeigt)

console-js-resume-note = { $total ->
    [one] Ein Import wurde nach { $done } von { $total } Zeile abgebrochen. Wählen Sie dieselbe Datei (oder fügen Sie dieselbe Liste ein) und prüfen Sie sie erneut, um fortzufahren; bereits gesendete Zeilen werden nicht doppelt gesendet.
   *[other] Ein Import wurde nach { $done } von { $total } Zeilen abgebrochen. Wählen Sie dieselbe Datei (oder fügen Sie dieselbe Liste ein) und prüfen Sie sie erneut, um fortzufahren; bereits gesendete Zeilen werden nicht doppelt gesendet.
}
console-js-counts = { $rows ->
    [one] { $rows } Zeile: { $ready } bereit, { $bad } mit Problemen (nicht gesendet).
   *[other] { $rows } Zeilen: { $ready } bereit, { $bad } mit Problemen (nicht gesendet).
}
console-js-counts-header = { $rows ->
    [one] { $rows } Zeile (erste Zeile als Spaltennamen gelesen): { $ready } bereit, { $bad } mit Problemen (nicht gesendet).
   *[other] { $rows } Zeilen (erste Zeile als Spaltennamen gelesen): { $ready } bereit, { $bad } mit Problemen (nicht gesendet).
}
console-js-preview-caption = Erste Zeilen
console-js-preview-label = Vorschau der Zeilen
console-js-col-row = Zeile
console-js-col-email = E-Mail
console-js-col-role = Rolle
console-js-col-check = Prüfung
console-js-row-ok = OK
console-js-row-problem = { $code }: { $message }
console-js-too-many-rows = { $max ->
    [one] Höchstens { $max } Zeile pro Import.
   *[other] Höchstens { $max } Zeilen pro Import.
}
console-js-invalid-email = Keine E-Mail-Adresse.
console-js-bad-role = Die Rolle muss { $viewer }, { $speaker } oder { $moderator } sein.
console-js-bad-uses = Die Spalte { $column } muss eine ganze Zahl ab 1 sein.
console-js-bad-expiry = Die Spalte { $column } enthält kein Datum.
console-js-bad-locale = Die Spalte { $column } nennt keine der Sprachen: { $languages }.
console-js-duplicate = Diese Adresse steht schon in der Datei.
console-js-resume-before = { $rows ->
    [one] Fortsetzung: { $rows } Zeile wurde bereits gesendet.
   *[other] Fortsetzung: { $rows } Zeilen wurden bereits gesendet.
}
console-js-will-create = { $count ->
    [one] { $count } Einladung wird angelegt.
   *[other] { $count } Einladungen werden angelegt.
}
console-js-emails-go-out = { $count ->
    [one] { $count } E-Mail wird verschickt.
   *[other] { $count } E-Mails werden verschickt.
}
console-js-no-emails = Es werden keine E-Mails verschickt.
console-js-send-emails = { $count ->
    [one] { $count } E-Mail senden
   *[other] { $count } E-Mails senden
}
console-js-resume-send-emails = { $count ->
    [one] Fortsetzen und { $count } E-Mail senden
   *[other] Fortsetzen und { $count } E-Mails senden
}
console-js-create-invitations = { $count ->
    [one] { $count } Einladung anlegen
   *[other] { $count } Einladungen anlegen
}
console-js-progress = { $total ->
    [one] { $done } von { $total } Zeile erledigt. Fehler: { $errors }.
   *[other] { $done } von { $total } Zeilen erledigt. Fehler: { $errors }.
}
console-js-time-left = { $seconds ->
    [one] Noch etwa { $seconds } Sekunde.
   *[other] Noch etwa { $seconds } Sekunden.
}
console-js-retry = Warten auf neuen Versuch (HTTP { $status })…
console-js-retry-offline = Keine Verbindung. Warten auf neuen Versuch…
console-js-import-stopped = Der Import wurde abgebrochen ({ $code }). Laden Sie die Seite neu, um fortzufahren.
console-js-import-finished = Fertig: { $invited } eingeladen, { $rejected } abgelehnt.
console-js-rejected-download = { $count ->
    [one] Die { $count } abgelehnte Zeile herunterladen (CSV)
   *[other] Die { $count } abgelehnten Zeilen herunterladen (CSV)
}
console-js-copied = Kopiert
console-js-copy-by-keys = Drücken Sie { $keys } zum Kopieren

## Die Seite der Einladungen

console-invites-title = Einladungen
console-invites-heading = Einladungen für { $title }
console-invites-filter-label = Einladungen filtern
console-filter-status = Status
console-filter-role = Rolle
console-filter-delivery = Zustellung
console-filter-email = E-Mail (exakt)
console-filter-any = alle
console-filter = Filtern
console-invites-download = Diese Einladungen herunterladen (CSV)
console-bulk-label = Für jede Einladung, die zu diesen Filtern passt
console-bulk-resend = Einladung erneut senden
console-bulk-revoke = Link zurückziehen
console-bulk-run = Auf alle passenden anwenden
console-bulk-progress = Fortschritt der Sammelaktion
console-invites-caption = Einladungen
console-col-email = E-Mail
console-col-role = Rolle
console-col-delivery = Zustellung
console-col-uses = Nutzungen
console-col-created = Erstellt
console-col-actions = Aktionen
console-uses-of = { $uses } / { $max }
console-resend = Erneut senden
console-revoke = Zurückziehen
console-resend-to = Erneut an { $email } senden
console-revoke-who = Einladung für { $email } zurückziehen
console-invites-empty = Keine passenden Einladungen.

## Eine Sammelaktion ohne Skript (eine Seite mit 100 Einladungen pro Formularversand)

console-bulk-title = Sammelaktion
console-bulk-heading = { $action ->
    [revoke] Sammelaktion: Links zurückziehen
   *[resend] Sammelaktion: Einladungen erneut senden
}
console-bulk-page-result = { $done ->
    [one] { $done } Einladung erledigt, { $failed } auf dieser Seite nicht möglich.
   *[other] { $done } Einladungen erledigt, { $failed } auf dieser Seite nicht möglich.
}
console-bulk-continue = Mit der nächsten Seite fortfahren
console-bulk-finished = Fertig.
console-back-to-invites = Zurück zu den Einladungen

## Das Skript der Sammelaktion

console-js-bulk-progress = { $done ->
    [one] { $done } Einladung erledigt, { $failed } nicht möglich…
   *[other] { $done } Einladungen erledigt, { $failed } nicht möglich…
}
console-js-bulk-finished = { $done ->
    [one] Fertig: { $done } Einladung erledigt, { $failed } nicht möglich.
   *[other] Fertig: { $done } Einladungen erledigt, { $failed } nicht möglich.
}
console-js-bulk-stopped = Abgebrochen ({ $code }).

## Die Seite der Teilnehmenden

console-participants-title = Teilnehmende
console-participants-heading = Teilnehmende von { $title }
console-participants-filter-label = Teilnehmende filtern
console-participants-download = Liste dieser Teilnehmenden herunterladen (CSV)
console-participants-caption = Teilnehmende
console-col-admission = Einlass
console-col-joined = Beigetreten
console-role-of = Rolle von { $email }
console-change-role = Ändern
console-participants-empty = Noch ist niemand beigetreten.

## Das Dashboard

console-dashboard-title = Dashboard
console-dashboard-heading = Dashboard für { $title }
console-dashboard-noscript = Laden Sie die Seite neu, um aktuelle Zahlen zu sehen.
console-funnel = Trichter
console-funnel-invited = Eingeladen
console-funnel-delivered = Zugestellt
console-funnel-redeemed = Eingelöst
console-funnel-in-room = Im Raum
console-by-status = Einladungen nach Status
console-delivery = Zustellung
console-by-role = Teilnehmende nach Rolle
console-joined = Beigetretene Teilnehmende: { $count }
console-over-time = Einlösungen im Zeitverlauf
console-chart-row = { $label }: { $count }.
console-no-redemptions = Noch keine Einlösungen.
console-redemptions-between = { $count ->
    [one] { $count } Einlösung zwischen { $first } und { $last }.
   *[other] { $count } Einlösungen zwischen { $first } und { $last }.
}
console-redemptions-shown = { $count ->
    [one] { $count } Einlösung angezeigt, von { $first } bis { $last }.
   *[other] { $count } Einlösungen angezeigt, von { $first } bis { $last }.
}

## Einen Raum löschen

console-delete-title = Raum löschen
console-delete-heading = { $title } löschen?
console-delete-count = { $count ->
    [one] { $count } Person erhält eine Absage per E-Mail.
   *[other] { $count } Personen erhalten eine Absage per E-Mail.
}
console-delete-warning = Ihre Links funktionieren dann nicht mehr. Das lässt sich nicht rückgängig machen.
console-delete-confirm = { $count ->
    [one] Raum löschen und { $count } Person benachrichtigen
   *[other] Raum löschen und { $count } Personen benachrichtigen
}
console-keep = Raum behalten

## Das Erscheinungsbild der Organisation

console-branding-link = Erscheinungsbild
console-branding-title = Erscheinungsbild
console-branding-heading = Das Erscheinungsbild Ihrer Organisation
console-branding-intro = So sehen Eingeladene Ihre Organisation: auf den Veranstaltungsseiten, den Fehlerseiten, in jeder E-Mail und in der Kalenderdatei. Ein leeres Feld behält das eigene Aussehen des Dienstes bei.
console-branding-display-name = Anzeigename
console-branding-display-name-hint = Erscheint oben auf den Seiten und in den E-Mails sowie als Veranstalter im Kalender.
console-branding-accent = Akzentfarbe
console-branding-accent-hint = Die Farbe von Schaltflächen und Links, als #rrggbb. Darauf steht weiße Schrift, daher muss sie dunkel genug sein: ein Kontrast von mindestens 4.5:1.
console-branding-logo = Logo
console-branding-logo-alt = Das aktuelle Logo Ihrer Organisation
console-branding-no-logo = Noch kein Logo.
console-branding-remove-logo = Logo entfernen
console-branding-logo-file = Neues Logo
console-branding-logo-hint = Ein PNG-, JPEG- oder WebP-Bild mit höchstens 200 KB. Lassen Sie das Feld leer, um das aktuelle Logo zu behalten.
console-branding-sender = Absendername der E-Mails
console-branding-sender-hint = Der Name, den das E-Mail-Programm Ihrer Eingeladenen als Absender anzeigt.
console-branding-reply-to = Antwortadresse
console-branding-reply-to-hint = Wohin die Antworten Ihrer Eingeladenen gehen.
console-branding-support = Kontakthinweis
console-branding-support-hint = Erscheint auf jeder Fehlerseite anstelle von „Wenden Sie sich an den Veranstalter“.
console-branding-read-only = Sie können das Erscheinungsbild ansehen; zum Ändern ist die Schreibberechtigung nötig.
