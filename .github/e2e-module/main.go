// Command e2e-module exists so the end-to-end workflow has real public modules to download.
package main

import (
	"fmt"

	"github.com/google/uuid"
	"golang.org/x/mod/semver"
)

func main() {
	fmt.Println(semver.Compare("v1.2.0", "v1.10.0"), uuid.NewSHA1(uuid.NameSpaceURL, []byte("go-mod-download-action")))
}
