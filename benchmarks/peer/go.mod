module fluxpeer

go 1.19

require github.com/Masterminds/semver/v3 v3.2.0

replace github.com/Masterminds/semver/v3 => /usr/share/gocode/src/github.com/Masterminds/semver
