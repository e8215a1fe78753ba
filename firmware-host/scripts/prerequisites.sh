# Sourced by demo.sh and test.sh: checks for (and, as root on Debian, installs) what they need.
# usage: need_tools TOOL... ; each TOOL is a command name, mapped to its Debian package below.
package_of() {
  case "$1" in
    java|javac) echo openjdk-17-jdk-headless ;;
    mvn) echo maven ;;
    mosquitto|mosquitto_sub|mosquitto_pub|mosquitto_passwd) echo "mosquitto mosquitto-clients" ;;
    systemd-analyze) echo systemd ;;
    dpkg-deb) echo dpkg ;;
    *) echo "$1" ;;
  esac
}

need_tools() {
  missing=""
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $(package_of "$tool")"
  done
  if [ -z "$missing" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing missing packages:$missing" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2 || {
      echo "error: could not install:$missing" >&2; exit 1; }
  else
    echo "error: missing packages:$missing" >&2
    echo "       install them with: sudo apt-get install$missing" >&2
    exit 1
  fi
  java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  if [ "${java_major:-0}" -lt 17 ]; then
    echo "error: Java 17 or newer is needed, found ${java_major:-none}" >&2; exit 1
  fi
}
