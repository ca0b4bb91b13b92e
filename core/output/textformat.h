#pragma once
// Small formatting helpers shared by the text outputs (tshark-compatible spelling).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace synflow {

std::string formatIpv4(const uint8_t* a);
std::string formatIpv6(const uint8_t* a);
std::string formatMac(const uint8_t* a); // 00:13:c3:df:ae:18
// Seconds with nine decimals, as tshark prints frame.time_epoch and relative times.
void appendSeconds(std::string& out, int64_t ns);
// Epoch time as tshark prints frame.time_epoch: seconds, nine decimals.
// Negative times with a fraction are printed as their true value (-0.25), not as tshark 4.0
// joins seconds and nanoseconds (-1.750000000): core/capture/TSHARK_DIFFERENCES.md.
void appendEpoch(std::string& out, int64_t sec, uint32_t nsec);
// "YYYY-MM-DD HH:MM:SS.nnnnnnnnn UTC", proleptic Gregorian, for any int64 seconds.
void appendUtcTime(std::string& out, int64_t sec, uint32_t nsec);
void appendUnsigned(std::string& out, uint64_t v);
void appendSigned(std::string& out, int64_t v);
void appendHex4(std::string& out, uint32_t v); // 0x%04x
void appendHexBytes(std::string& out, const uint8_t* p, size_t n); // "0a1b2c", no separators

// Text taken from packets, made safe for one line as tshark's columns show it (format_text):
// \a \b \f \n \r \t \v, other control bytes as octal \ooo, invisible Unicode as \uXXXX,
// bytes that are not UTF-8 as U+FFFD. A backslash stays as it is (as in tshark).
void appendEscapedText(std::string& out, std::string_view text);
// A string a dissector wrote into a column without format_text (STUN's attribute values): UTF-8
// as it is, other bytes as U+FFFD, control bytes raw (appendRawColumnText shows them).
void appendUtf8Lossy(std::string& out, std::string_view text);
// One Unicode code point as UTF-8.
void appendUtf8(std::string& out, uint32_t cp);
// Such a column as tshark's fields output prints it: \b \f \n \r \t escaped, the rest raw.
void appendRawColumnText(std::string& out, std::string_view text);
// The inside of a JSON string: quotes, backslashes and control characters escaped.
void appendJsonEscaped(std::string& out, std::string_view text);
// XML character data or attribute text: control characters as appendEscapedText shows them
// (XML 1.0 cannot hold most of them at all), then markup characters as entities.
void appendXmlEscaped(std::string& out, std::string_view text);

} // namespace synflow
