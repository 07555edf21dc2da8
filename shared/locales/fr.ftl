# Français (vouvoiement). Needs a native speaker's review (see README).

## Common

time-utc = { $datetime } (UTC)
time-in-zone = { $datetime } ({ $zone }, { $offset })
role-phrase-viewer = spectateur
role-phrase-speaker = intervenant
role-phrase-moderator = modérateur
role-name-viewer = Spectateur
role-name-speaker = Intervenant
role-name-moderator = Modérateur
role-word-viewer = spectateur
role-word-speaker = intervenant
role-word-moderator = modérateur
role-plural-viewer = spectateurs
role-plural-speaker = intervenants
role-plural-moderator = modérateurs
list-two = { $first } et { $second }
permission-live = Diffusion en direct
permission-chat = Discussion
permission-qa = Questions-réponses
permission-interactions = Sondages et réactions
permission-backchannel = Canal privé des intervenants
permission-qa-moderation = Modération des questions
language-picker = Langue

## Pages

page-join-title = Rejoindre { $title }
page-starts = Début : { $time }
page-invited-as = Vous êtes invité en tant que { $role }.
lobby-form-title = Se connecter à la salle
lobby-email-label = Votre adresse e-mail
lobby-email-help = Saisissez l’adresse à laquelle cette invitation a été envoyée.
lobby-code-promise = Nous vous enverrons par e-mail un code à 6 chiffres pour confirmer que c’est bien vous.
lobby-code-sent = Nous avons envoyé un code à 6 chiffres à { $email }.
lobby-code-your-address = votre adresse
lobby-code-valid = { $minutes ->
    [one] Il est valable 1 minute.
   *[other] Il est valable { $minutes } minutes.
}
lobby-code-spam = Vérifiez vos courriers indésirables s’il n’arrive pas.
lobby-code-label = Code reçu par e-mail
lobby-continue = Continuer
lobby-login = Connexion
lobby-resend-hint = Pas de code ? Vous pouvez en demander un nouveau 30 secondes après le dernier.
lobby-resend = Envoyer un nouveau code
lobby-sso-hint = Cet événement est réservé à votre organisation : connectez-vous avec le compte de votre organisation, en utilisant l’adresse à laquelle l’invitation a été envoyée.
lobby-sso-continue = Continuer vers la connexion
waiting-denied-title = L’organisateur ne vous a pas fait entrer
waiting-denied-reason = Motif : { $reason }
waiting-knock-hint = Si vous pensez qu’il s’agit d’une erreur, vous pouvez redemander.
waiting-knock = Frapper à nouveau
waiting-contact = Contactez l’organisateur si vous pensez qu’il s’agit d’une erreur.
waiting-title = Vous êtes dans la salle d’attente
waiting-note = L’organisateur sait que vous êtes là. Gardez cette page ouverte : elle vous fera entrer d’elle-même dès qu’il vous admettra.
section-speakers = Intervenants
section-attachments = Pièces jointes
opens-in-new-tab = (s’ouvre dans un nouvel onglet)
feature-live = La diffusion en direct s’affiche ici.
feature-chat = Discutez avec toutes les personnes de la salle.
feature-qa = Posez une question aux intervenants.
feature-interactions = Les sondages et réactions apparaissent ici.
feature-backchannel = Un canal privé pour les intervenants et les modérateurs.
feature-qa-moderation = Approuver, répondre à et écarter des questions.
stage-title = Salle en direct
stage-connecting = Connexion à la salle en direct…
stage-open = Ouvrir la salle en direct
invite-title = Inviter quelqu’un
invite-help = { $limit ->
    [one] La personne reçoit une invitation de votre part par e-mail, avec un lien valable une fois. Vous pouvez inviter 1 personne dans cette salle.
   *[other] La personne reçoit une invitation de votre part par e-mail, avec un lien valable une fois. Vous pouvez inviter jusqu’à { $limit } personnes dans cette salle.
}
invite-email-label = Son adresse e-mail
invite-role-label = Rôle
invite-send = Envoyer l’invitation
invite-sent = Votre invitation a été envoyée.
event-opens-itself = Cette page ouvre la salle d’elle-même au début de la session.
room-you-are = Vous êtes { $role }.
countdown-hms = Début dans { $hms }
countdown-days-hms = { $days ->
    [one] Début dans 1 jour { $hms }
   *[other] Début dans { $days } jours { $hms }
}
panel-title = Salle d’attente
panel-sound = Émettre un son quand quelqu’un frappe
panel-empty = Personne n’attend.
panel-admit-all = Faire entrer tout le monde
panel-admit = Faire entrer
panel-admit-who = Faire entrer { $name }
panel-reason = Motif (facultatif)
panel-reason-who = Motif du refus de { $name } (facultatif)
panel-deny = Refuser
panel-deny-who = Refuser { $name }

## Messages of the page script

js-deciding = L’organisateur a décidé. Un instant…
js-starting = La session commence. Ouverture de la salle…
js-starting-now = Début imminent…
js-opening-stage = Ouverture de la salle en direct…
js-stage-retry = La salle en direct est injoignable. Nouvelle tentative…
js-role-now = Votre rôle est désormais : { $role }.
js-sending = Envoi de l’invitation…
js-invite-not-emailed = L’invitation pour { $email } a été créée, mais l’e-mail n’a pas pu être envoyé. Demandez à l’organisateur de la renvoyer.
js-invite-sent = Invitation envoyée à { $email } en tant que { $role }.
js-invite-failed = L’invitation n’a pas été envoyée.
js-invite-unreachable = L’invitation n’a pas été envoyée : le service est injoignable. Réessayez.

## Error pages

error-what-to-do = Ce que vous pouvez faire
error-code = Code d’erreur : { $code }
error-contact = Contactez l’organisateur de l’événement.
error-signed-in-as = Vous vous êtes connecté en tant que { $email }, mais cette invitation a été envoyée à une autre adresse.
error-signed-in-advice = Déconnectez-vous du compte de votre organisation et reconnectez-vous avec l’adresse à laquelle l’invitation a été envoyée, ou demandez à l’organisateur d’inviter { $email }.
error-forbidden-page = Le formulaire de connexion a été envoyé depuis un autre site : vous n’avez donc pas été connecté.
error-other-title = Un problème est survenu
error-other-message = Un problème est survenu de notre côté. Veuillez réessayer.
error-other-advice = Actualisez la page. Si le problème persiste, contactez l’organisateur.
error-invalid_link-title = Ce lien ne fonctionne pas
error-invalid_link-message = Ce lien d’invitation n’est pas valide.
error-invalid_link-advice = Vérifiez que vous avez ouvert le lien complet de l’invitation la plus récente. Si l’organisateur vous a envoyé une nouvelle invitation, seul son lien fonctionne. Sinon, demandez un nouveau lien à l’organisateur.
error-invite_revoked-title = Cette invitation a été retirée
error-invite_revoked-message = L’organisateur a retiré cette invitation.
error-invite_revoked-advice = L’invitation a été retirée. Demandez à l’organisateur si vous devez toujours participer.
error-room_deleted-title = Cette salle a été supprimée
error-room_deleted-message = Cette salle a été supprimée.
error-room_deleted-advice = La salle a été supprimée. Demandez des précisions à l’organisateur.
error-link_expired-title = Ce lien a expiré
error-link_expired-message = Ce lien d’invitation a expiré.
error-link_expired-advice = Demandez un nouveau lien à l’organisateur.
error-link_used-title = Ce lien a déjà servi
error-link_used-message = Ce lien d’invitation a déjà été utilisé.
error-link_used-advice = Demandez un nouveau lien à l’organisateur.
error-email_mismatch-title = Adresse e-mail incorrecte
error-email_mismatch-message = Ce n’est pas l’adresse à laquelle l’invitation a été envoyée.
error-email_mismatch-advice = Saisissez l’adresse à laquelle l’invitation a été envoyée. Si vous avez été invité sous une autre adresse, ouvrez le lien depuis cette boîte de réception.
error-too_many_attempts-title = Cette invitation est bloquée
error-too_many_attempts-message = Trop d’adresses incorrectes ont été saisies pour cette invitation.
error-too_many_attempts-advice = Pour votre sécurité, cette invitation est bloquée. Demandez à l’organisateur de vous la renvoyer.
error-not_a_participant-title = Vous n’avez pas rejoint cette salle
error-not_a_participant-message = Vous n’avez pas rejoint cette salle.
error-not_a_participant-advice = Ouvrez le lien d’invitation de votre e-mail pour rejoindre cette salle. Si vous l’avez déjà rejointe, actualisez la salle.
error-domain_blocked-title = Votre domaine de messagerie est bloqué
error-domain_blocked-message = Les adresses de ce domaine sont bloquées par la politique de votre organisation.
error-domain_blocked-advice = Votre organisation bloque ce domaine. Demandez à l’organisateur d’inviter une autre de vos adresses.
error-invalid_email-title = Ce n’est pas une adresse e-mail
error-invalid_email-message = Ce n’est pas une adresse e-mail valide.
error-invalid_email-advice = Vérifiez l’adresse et réessayez.
error-room_not_found-title = Salle introuvable
error-room_not_found-message = Cette salle n’existe pas.
error-room_not_found-advice = Vérifiez l’adresse, ou demandez un nouveau lien à l’organisateur.
error-not_found-title = Page introuvable
error-not_found-message = Cette page n’existe pas.
error-not_found-advice = Vérifiez l’adresse, ou rouvrez le lien de votre e-mail d’invitation.
error-forbidden-title = Cette demande a été refusée
error-forbidden-message = Vous n’êtes pas autorisé à faire cela.
error-forbidden-advice = Ouvrez vous-même le lien d’invitation de votre e-mail et saisissez votre adresse sur cette page.
error-guest-disabled = Votre organisation a désactivé les invitations depuis la salle.
error-guest-viewer = Les spectateurs ne peuvent inviter personne. Demandez à un intervenant, un modérateur ou à l’organisateur.
error-guest-above-role = En tant que { $inviter }, vous pouvez inviter des { $roles }, pas des { $requested }. Demandez à l’organisateur.
error-guest-advice = Demandez à l’organisateur de les inviter.
error-guest-cross-site = Le formulaire d’invitation a été envoyé depuis un autre site : il a donc été refusé.
error-invite_limit_reached-title = Vous avez atteint votre limite d’invitations
error-invite_limit_reached-message = Vous avez envoyé autant d’invitations pour cette salle que votre organisation le permet.
error-invite_limit_reached-advice = Demandez à l’organisateur d’inviter d’autres personnes.
error-code_invalid-title = Ce code n’est pas le bon
error-code_invalid-message = Ce code n’est pas le bon.
error-code_invalid-advice = Vérifiez le code à 6 chiffres du dernier e-mail que nous vous avons envoyé et saisissez-le à nouveau.
error-code_expired-title = Demandez un nouveau code
error-code_expired-message = Ce code a expiré ou a été épuisé. Demandez-en un nouveau.
error-code_expired-advice = Demandez un nouveau code : nous vous l’envoyons aussitôt par e-mail.
error-too_many_requests-title = Veuillez patienter un instant
error-too_many_requests-message = Veuillez patienter un peu avant de redemander.
error-too_many_requests-advice = Patientez un instant, puis réessayez. Cherchez dans votre boîte de réception et vos indésirables le code déjà envoyé.
error-sso_failed-title = La connexion n’a pas abouti
error-sso_failed-message = La connexion n’a pas abouti.
error-sso_failed-advice = Recommencez la connexion depuis le lien d’invitation. Si elle échoue encore, contactez l’organisateur.
error-verification_required-title = Connectez-vous pour continuer
error-verification_required-message = Cette invitation vous demande de vous connecter avec le compte de votre organisation.
error-verification_required-advice = Continuez avec la connexion de votre organisation.
error-identity_provider_unavailable-title = La connexion est indisponible pour le moment
error-identity_provider_unavailable-message = Le service de connexion de votre organisation est injoignable pour le moment.
error-identity_provider_unavailable-advice = Patientez un instant, puis réessayez. Si le problème persiste, contactez l’organisateur.
error-service_unavailable-title = Le service est surchargé
error-service_unavailable-message = Le service est surchargé ou brièvement indisponible. Veuillez réessayer dans un instant.
error-service_unavailable-advice = Cette page réessaie d’elle-même dans quelques secondes. Si le problème persiste, réessayez plus tard.
error-awaiting_approval-title = Vous êtes dans la salle d’attente
error-awaiting_approval-message = Vous êtes dans la salle d’attente : l’organisateur va vous faire entrer.
error-awaiting_approval-advice = Gardez cette page ouverte : elle entre dans la salle d’elle-même dès que l’organisateur vous admet.
error-admission_denied-title = L’organisateur ne vous a pas fait entrer
error-admission_denied-message = L’organisateur ne vous a pas fait entrer.
error-admission_denied-advice = Si vous pensez qu’il s’agit d’une erreur, vous pouvez frapper à nouveau dans une minute ou contacter l’organisateur.
error-not_live-title = La salle n’est pas encore en direct
error-not_live-message = La salle n’est pas encore en direct.
error-not_live-advice = Ouvrez la page de l’événement : elle entre dans la salle d’elle-même au début de la session.
error-room_backend_unavailable-title = La salle en direct est injoignable
error-room_backend_unavailable-message = La salle en direct est injoignable. Veuillez réessayer.
error-room_backend_unavailable-advice = Actualisez la page dans un instant. Si le problème persiste, contactez l’organisateur.
error-guest-refused-title = Cette invitation a été refusée

## Emails

email-link-once = Le lien fonctionne une seule fois : ouvrez-le sur l’appareil avec lequel vous suivrez la session.
email-link-n-times = { $uses ->
    [one] Le lien fonctionne une fois.
   *[other] Le lien fonctionne { $uses } fois.
}
email-link-unlimited = Le lien fonctionne autant de fois que nécessaire jusqu’à son expiration.
email-the-organizer = L’organisateur
email-guest-inviter = { $name } ({ $role } dans cette salle)
email-invitation-subject = Invitation : { $title }
email-invitation-heading = Vous êtes invité à { $title }
email-invitation-who = { $who } vous invite à « { $title } » en tant que { $role }.
email-starts = Début : { $time }
email-join = Rejoindre la salle
email-join-text = Rejoindre : { $link }
email-valid-until = Le lien est valable jusqu’au { $time }. { $uses }
email-enter-address = Lorsque cela vous est demandé, saisissez cette adresse ({ $email }).
email-copy-link = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
email-ignore = Si vous n’attendiez pas cette invitation, vous pouvez ignorer cet e-mail.
email-code-subject = Votre code pour { $title }
email-code-heading = Votre code pour { $title }
email-code-intro = Votre code pour rejoindre « { $title } » est :
email-code-type-it = Saisissez ce code sur la page où vous l’avez demandé.
email-code-valid = { $minutes ->
    [one] Il fonctionne une fois, pendant 1 minute.
   *[other] Il fonctionne une fois, pendant { $minutes } minutes.
}
email-code-ignore = Si vous n’avez pas demandé de code, vous pouvez ignorer cet e-mail : sans lui, personne ne peut utiliser votre invitation.
email-role-subject = Votre rôle dans { $title } est désormais { $role }
email-role-changed = Votre rôle dans « { $title } » est passé de { $from } à { $to }.
email-role-gained = Vous pouvez désormais utiliser : { $list }.
email-role-lost = Vous n’avez plus accès à : { $list }.
email-role-nothing-to-do = Rien à faire : le changement s’applique dans la salle ({ $url }) en quelques secondes.
email-when-tomorrow = demain
email-when-days = { $n ->
    [one] dans 1 jour
   *[other] dans { $n } jours
}
email-when-hours = { $n ->
    [one] dans 1 heure
   *[other] dans { $n } heures
}
email-when-minutes = { $n ->
    [one] dans 1 minute
   *[other] dans { $n } minutes
}
email-reminder-subject = Rappel : { $title } commence { $when }
email-reminder-heading = { $title } commence { $when }
email-reminder-joined = Si vous avez déjà rejoint la salle, la voici : { $url }
email-reminder-otherwise = Sinon, ouvrez le lien de votre e-mail d’invitation et saisissez cette adresse ({ $email }).
email-update-subject = Modifié : { $title } commence désormais le { $time }
email-update-heading = { $title } a été reprogrammé
email-update-now-starts = Nouveau début : { $time }.
email-update-same-link = Votre lien d’invitation reste le même. Le fichier de calendrier joint met à jour l’événement dans votre agenda.
email-cancel-subject = Annulé : { $title }
email-cancel-heading = { $title } a été annulé
email-cancel-body = La session du { $time } a été annulée par l’organisateur. Votre lien d’invitation ne fonctionne plus.
email-cancel-calendar = Le fichier de calendrier joint retire l’événement de votre agenda.
email-unsubscribe = Ne plus recevoir de rappels ni de mises à jour pour cet événement
email-unsubscribe-text = Ne plus recevoir de rappels ni de mises à jour pour cet événement : { $url }
calendar-description = Rejoignez la session avec le lien de votre e-mail d’invitation.
calendar-organizer = Invitations aux salles

## One-click unsubscribe page

unsubscribe-title = Ne plus recevoir de rappels pour { $title }
unsubscribe-explain = Vous ne recevrez plus de rappels, de mises à jour ni d’annulations de cet événement à l’adresse { $email }. Les invitations qu’un organisateur vous enverra plus tard arriveront toujours.
unsubscribe-confirm = Ne plus recevoir ces e-mails
unsubscribe-done-title = Vous ne recevrez plus de rappels pour cet événement
unsubscribe-done = { $email } ne recevra plus de rappels, de mises à jour ni d’annulations pour { $title }.
