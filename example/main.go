package main

import (
	"fmt"

	m000 "example.test/lib/m000"
	m001 "example.test/lib/m001"
	m002 "example.test/Acme/m002"
	m003 "example.test/lib/m003"
	m004 "example.test/lib/m004"
	m006 "example.test/lib/m006"
	m007 "example.test/Acme/m007"
	m008 "example.test/lib/m008"
	m009 "example.test/lib/m009"
	m011 "example.test/lib/m011"
	m012 "example.test/Acme/m012"
	m014 "example.test/lib/m014"
	m015 "example.test/lib/m015"
	m018 "example.test/lib/m018"
	m020 "example.test/lib/m020"
	m023 "example.test/lib/m023"
	m027 "example.test/Acme/m027"
	m030 "example.test/lib/m030"
	m033 "example.test/lib/m033"
)

func main() {
	fmt.Println(m000.Value())
	fmt.Println(m001.Value())
	fmt.Println(m002.Value())
	fmt.Println(m003.Value())
	fmt.Println(m004.Value())
	fmt.Println(m006.Value())
	fmt.Println(m007.Value())
	fmt.Println(m008.Value())
	fmt.Println(m009.Value())
	fmt.Println(m011.Value())
	fmt.Println(m012.Value())
	fmt.Println(m014.Value())
	fmt.Println(m015.Value())
	fmt.Println(m018.Value())
	fmt.Println(m020.Value())
	fmt.Println(m023.Value())
	fmt.Println(m027.Value())
	fmt.Println(m030.Value())
	fmt.Println(m033.Value())
}
