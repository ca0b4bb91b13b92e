#pragma once
// tshark 4.0's names for the enumerated values of the application layers the detail tree
// decodes (DNS, TLS, SSH, SMTP, FTP), as `tshark -G values` lists them.
#include <cstdint>

namespace synflow::appnames {

// Null when tshark has no name for the value.
const char* dnsTypes(uint32_t value);
const char* dnsClasses(uint32_t value);
const char* dnsOpcodes(uint32_t value);
const char* dnsRcodes(uint32_t value);
const char* sshMessageCodes(uint32_t value);
const char* tlsAlertDescriptions(uint32_t value);
const char* tlsAlertLevels(uint32_t value);
const char* tlsCipherSuites(uint32_t value);
const char* tlsCompressionMethods(uint32_t value);
const char* tlsExtensionTypes(uint32_t value);
const char* tlsEcPointFormats(uint32_t value);
const char* tlsGroups(uint32_t value);
const char* tlsSignatureAlgorithms(uint32_t value);
const char* tlsSignatureHashes(uint32_t value);
const char* tlsSignatureSignatures(uint32_t value);
const char* tlsHandshakeTypes(uint32_t value);
const char* tlsContentTypes(uint32_t value);
const char* tlsVersions(uint32_t value);
const char* tlsServerNameTypes(uint32_t value);
const char* tlsStatusRequestTypes(uint32_t value);
const char* tlsPskKeModes(uint32_t value);
const char* tlsCertificateTypes(uint32_t value);
const char* tlsCertificateCompressions(uint32_t value);
const char* smtpResponseCodes(uint32_t value);
const char* ftpResponseCodes(uint32_t value);

} // namespace synflow::appnames
