module example.test/consumer

go 1.21

require (
	example.test/lib/m000 v1.4.6
	example.test/lib/m001 v1.6.12
	example.test/Acme/m002 v1.1.4
	example.test/lib/m003 v1.6.16
	example.test/lib/m004 v1.2.0
	example.test/lib/m006 v1.3.2
	example.test/Acme/m007 v1.1.6
	example.test/lib/m008 v1.4.18
	example.test/lib/m009 v1.5.0
	example.test/lib/m011 v1.7.19
	example.test/Acme/m012 v1.9.15
	example.test/lib/m014 v1.4.5
	example.test/lib/m015 v1.6.16
	example.test/lib/m018 v1.3.15
	example.test/lib/m020 v1.9.13
	example.test/lib/m023 v1.1.19
	example.test/Acme/m027 v1.8.15
	example.test/lib/m030 v1.7.11
	example.test/lib/m033 v1.1.1
)

require (
	example.test/lib/m005 v1.0.12 // indirect
	example.test/lib/m010 v1.2.5 // indirect
	example.test/lib/m013 v1.2.5 // indirect
	example.test/lib/m016 v1.3.18 // indirect
	example.test/Acme/m017 v1.0.0 // indirect
	example.test/lib/m019 v1.7.7 // indirect
	example.test/lib/m021 v1.6.7 // indirect
	example.test/Acme/m022 v1.0.19 // indirect
	example.test/lib/m024 v1.8.5 // indirect
	example.test/lib/m025 v1.4.3 // indirect
	example.test/lib/m026 v1.9.12 // indirect
	example.test/lib/m028 v1.5.9 // indirect
	example.test/lib/m029 v1.5.15 // indirect
	example.test/lib/m031 v1.6.19 // indirect
	example.test/Acme/m032 v1.3.0 // indirect
	example.test/lib/m034 v1.9.18 // indirect
	example.test/lib/m035 v1.1.3 // indirect
	example.test/lib/m036 v1.4.11 // indirect
	example.test/Acme/m037 v1.2.18 // indirect
	example.test/lib/m038 v1.8.0 // indirect
	example.test/lib/m039 v1.9.12 // indirect
)
