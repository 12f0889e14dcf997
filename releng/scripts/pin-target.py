#!/usr/bin/env python3
"""Pins the Eclipse location of target-platform/prism.target.

The roots are listed in target-platform/eclipse-roots.txt (groupId:artifactId:version, one a line).
Some Eclipse POMs name open version ranges (EMF: [2.35.0,)), so a location that follows
dependencies would resolve newer bundles next year. This script resolves the roots' closure once
with Maven (nearest wins, one version per artifact) and writes every artifact of it, with depth none,
into the location labelled "Eclipse (pinned)". Run it after changing the roots:

    python3 releng/scripts/pin-target.py
"""
import os, re, subprocess, sys, tempfile

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
roots = [l.strip() for l in open(os.path.join(top, 'target-platform', 'eclipse-roots.txt'))
         if l.strip() and not l.startswith('#')]
with tempfile.TemporaryDirectory() as d:
    deps = ''.join('<dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>'
                   % tuple(r.split(':')) for r in roots)
    open(os.path.join(d, 'pom.xml'), 'w').write(
        '<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>closure</artifactId>'
        '<version>1</version><dependencies>%s</dependencies></project>' % deps)
    out = os.path.join(d, 'list.txt')
    subprocess.run([os.path.join(top, 'mvnw'), '-q', '-f', os.path.join(d, 'pom.xml'), 'dependency:list',
                    '-DincludeScope=runtime', '-DoutputFile=' + out, '-Dstyle.color=never'], check=True)
    gavs = sorted(set(re.findall(r'^\s+([^:\s]+):([^:\s]+):jar:([^:\s]+):', open(out).read(), re.M)))
lines = ''.join('        <dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>'
                '<type>jar</type></dependency>\n' % g for g in gavs)
p = os.path.join(top, 'target-platform', 'prism.target')
s = open(p).read()
start = s.index('<dependencies>', s.index('label="Eclipse (pinned)"')) + len('<dependencies>\n')
end = s.index('      </dependencies>', start)
open(p, 'w').write(s[:start] + lines + s[end:])
print('pinned %d artifacts' % len(gavs), file=sys.stderr)
