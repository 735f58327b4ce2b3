#!/usr/bin/env bash
# A local certificate authority and one server certificate signed by it, for tests and for
# trying the deployment on one machine. Never use these for a public site: take real
# certificates (e.g. Let's Encrypt via certbot, a Debian package) there.
#
#   deploy/tls/make-test-certs.sh <out-dir> <host> [<host>…]
#
# Writes into <out-dir>:
#   ca.crt            the CA certificate (what a browser or `curl --cacert` trusts)
#   server.pem        certificate + chain + private key, the file HAProxy's `crt` takes
#   server.crt        the server certificate alone
#   server.spki       base64 SHA-256 of the server's public key, for Chromium's
#                     --ignore-certificate-errors-spki-list
#   ca.spki           the same for the CA
# Both certificates are valid for 30 days; the CA key is deleted once it has signed.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <out-dir> <host> [<host>…]" >&2
  exit 2
fi
out="$1"
shift
for host in "$@"; do
  if ! [[ "$host" =~ ^[A-Za-z0-9.-]+$ ]]; then
    echo "not a host name: $host" >&2
    exit 2
  fi
done
mkdir -p "$out"
cd "$out"

san=""
for host in "$@"; do san="${san:+$san,}DNS:$host"; done

# P-256 keys: small, fast, and accepted by every current browser.
openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=Kino Vmeste test CA" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca.crt 2>/dev/null

openssl ecparam -name prime256v1 -genkey -noout -out server.key 2>/dev/null
openssl req -new -key server.key -subj "/CN=$1" -out server.csr 2>/dev/null
cat >server.ext <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$san
EXT
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 30 \
  -extfile server.ext -out server.crt 2>/dev/null

cat server.crt ca.crt server.key >server.pem
chmod 600 server.key server.pem

spki() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der |
  openssl dgst -sha256 -binary | openssl base64 -A; }
spki server.crt >server.spki
spki ca.crt >ca.spki

rm -f ca.key ca.srl server.csr server.ext
echo "certificates for $* in $out"
