# Shared by the bench/run*.sh scripts (sourced from the repository root).

# Installs Portkey's gateway into bench/.portkey (npm ci from the pinned lock file) unless it is there already.
install_portkey() {
  if [ ! -f bench/.portkey/node_modules/@portkey-ai/gateway/build/start-server.js ] \
     || ! cmp -s bench/portkey/package-lock.json bench/.portkey/package-lock.json; then
    echo "Installing Portkey (npm ci) into bench/.portkey ..."
    mkdir -p bench/.portkey
    cp bench/portkey/package.json bench/portkey/package-lock.json bench/.portkey/
    (cd bench/.portkey && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
}

# Replaces what docs/benchmarks.md holds between <!-- bench:$1:start --> and <!-- bench:$1:end --> with file $2.
update_results() {
  local doc=docs/benchmarks.md
  if [ -f "$doc" ] && grep -q "<!-- bench:$1:start -->" "$doc"; then
    awk -v f="$2" -v start="<!-- bench:$1:start -->" -v end="<!-- bench:$1:end -->" '
      $0 == start { print; while ((getline line < f) > 0) print line; skip = 1; next }
      $0 == end { skip = 0 }
      !skip { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
    echo "Updated $doc"
  fi
}

# Builds every service, the launcher and the benchmark (package, no tests) when a source is newer than
# launcher/target/stoa.jar or bench/target/stoa-bench.jar, or either is missing: the benchmarks that start the whole
# platform run what the checkout holds.
build_platform_if_stale() {
  local newest_jar=launcher/target/stoa.jar
  [ bench/target/stoa-bench.jar -ot "$newest_jar" ] && newest_jar=bench/target/stoa-bench.jar
  if [ ! -f launcher/target/stoa.jar ] || [ ! -f bench/target/stoa-bench.jar ] \
     || [ -n "$(find . \( -name target -o -name node_modules -o -name .git -o -name .stoa -o -name .portkey \) -prune \
          -o \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name pom.xml \) -newer "$newest_jar" -print -quit)" ]; then
    echo "Building the platform and the benchmark ..."
    ./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true package
  fi
}
