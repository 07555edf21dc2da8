# Console messages: translation pending.
