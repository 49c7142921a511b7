module example.com/go-mod-download-action/e2e

go 1.22

require (
	github.com/google/uuid v1.6.0
	golang.org/x/mod v0.17.0
)
