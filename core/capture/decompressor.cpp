#include "capture/decompressor.h"

#include <lz4frame.h>
#include <zlib.h>
#include <zstd.h>

#include <climits>

namespace synflow {

Compression sniffCompression(std::span<const uint8_t> h)
{
    if (h.size() >= 3 && h[0] == 0x1f && h[1] == 0x8b && h[2] == 8) // deflate, the only gzip method
        return Compression::Gzip;
    if (h.size() >= 4 && h[0] == 0x28 && h[1] == 0xb5 && h[2] == 0x2f && h[3] == 0xfd)
        return Compression::Zstd;
    if (h.size() >= 4 && h[0] == 0x04 && h[1] == 0x22 && h[2] == 0x4d && h[3] == 0x18)
        return Compression::Lz4;
    return Compression::None;
}

const char* compressionName(Compression c)
{
    switch (c) {
    case Compression::Gzip: return "gzip";
    case Compression::Zstd: return "zstd";
    case Compression::Lz4: return "lz4";
    case Compression::None: break;
    }
    return "none";
}

namespace {

// zlib counts in unsigned int: feed it at most this much at once.
constexpr size_t kZlibStep = UINT_MAX / 2;

class GzipDecompressor final : public Decompressor {
public:
    GzipDecompressor()
    {
        ok_ = inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK; // 16: gzip wrapper only
    }
    ~GzipDecompressor() override
    {
        if (ok_)
            inflateEnd(&z_);
    }

    Status run(std::span<const uint8_t>& in, std::span<uint8_t>& out, std::string& error) override
    {
        if (!ok_) {
            error = "zlib could not start (out of memory)";
            return Status::Error;
        }
        for (;;) {
            if (ended_) {
                // After a member: another member, or padding zeros (which gzip ignores too).
                while (!in.empty() && in.front() == 0) {
                    in = in.subspan(1);
                    padding_ = true;
                }
                if (in.empty())
                    return Status::End;
                if (padding_ || in.front() != 0x1f) {
                    error = "bytes after the end of the gzip data that are not another gzip member";
                    return Status::Error;
                }
                inflateReset(&z_);
                ended_ = false;
            }
            if (out.empty())
                return Status::More;
            // Called with no input too: zlib may still hold output that did not fit last time.
            z_.next_in = const_cast<Bytef*>(in.data());
            z_.avail_in = unsigned(std::min(in.size(), kZlibStep));
            z_.next_out = out.data();
            z_.avail_out = unsigned(std::min(out.size(), kZlibStep));
            const unsigned inBefore = z_.avail_in, outBefore = z_.avail_out;
            const int r = inflate(&z_, Z_NO_FLUSH);
            in = in.subspan(inBefore - z_.avail_in);
            out = out.subspan(outBefore - z_.avail_out);
            if (r == Z_STREAM_END) {
                ended_ = true;
                continue;
            }
            if (r == Z_BUF_ERROR || (r == Z_OK && z_.avail_in == inBefore && z_.avail_out == outBefore))
                return Status::More; // no progress possible with what was given
            if (r == Z_OK)
                continue;
            error = std::string("corrupt gzip data (") + (z_.msg ? z_.msg : "zlib error " + std::to_string(r)) + ")";
            return Status::Error;
        }
    }

private:
    z_stream z_{};
    bool ok_ = false;
    bool ended_ = false;
    bool padding_ = false;
};

class ZstdDecompressor final : public Decompressor {
public:
    ZstdDecompressor() : d_(ZSTD_createDStream()) { }
    ~ZstdDecompressor() override { ZSTD_freeDStream(d_); }

    Status run(std::span<const uint8_t>& in, std::span<uint8_t>& out, std::string& error) override
    {
        if (!d_) {
            error = "zstd could not start (out of memory)";
            return Status::Error;
        }
        // Called with no input too: buffered output is flushed.
        while (!out.empty()) {
            ZSTD_inBuffer ib{in.data(), in.size(), 0};
            ZSTD_outBuffer ob{out.data(), out.size(), 0};
            const size_t r = ZSTD_decompressStream(d_, &ob, &ib);
            in = in.subspan(ib.pos);
            out = out.subspan(ob.pos);
            if (ZSTD_isError(r)) {
                error = std::string("corrupt zstd data (") + ZSTD_getErrorName(r) + ")";
                return Status::Error;
            }
            if (ib.pos == 0 && ob.pos == 0)
                break; // (after a frame's end, a call without input asks for the next frame's header)
            frameEnded_ = r == 0;
        }
        return frameEnded_ ? Status::End : Status::More;
    }

private:
    ZSTD_DStream* d_;
    bool frameEnded_ = false;
};

class Lz4Decompressor final : public Decompressor {
public:
    Lz4Decompressor()
    {
        if (LZ4F_isError(LZ4F_createDecompressionContext(&d_, LZ4F_VERSION)))
            d_ = nullptr;
    }
    ~Lz4Decompressor() override { LZ4F_freeDecompressionContext(d_); }

    Status run(std::span<const uint8_t>& in, std::span<uint8_t>& out, std::string& error) override
    {
        if (!d_) {
            error = "lz4 could not start (out of memory)";
            return Status::Error;
        }
        while (!out.empty()) {
            size_t outSize = out.size(), inSize = in.size();
            const size_t r = LZ4F_decompress(d_, out.data(), &outSize, in.data(), &inSize, nullptr);
            in = in.subspan(inSize);
            out = out.subspan(outSize);
            if (LZ4F_isError(r)) {
                error = std::string("corrupt lz4 data (") + LZ4F_getErrorName(r) + ")";
                return Status::Error;
            }
            if (inSize == 0 && outSize == 0)
                break; // (after a frame's end, a call without input asks for the next frame's header)
            frameEnded_ = r == 0;
        }
        return frameEnded_ ? Status::End : Status::More;
    }

private:
    LZ4F_dctx* d_ = nullptr;
    bool frameEnded_ = false;
};

} // namespace

std::unique_ptr<Decompressor> makeDecompressor(Compression c)
{
    switch (c) {
    case Compression::Gzip: return std::make_unique<GzipDecompressor>();
    case Compression::Zstd: return std::make_unique<ZstdDecompressor>();
    case Compression::Lz4: return std::make_unique<Lz4Decompressor>();
    case Compression::None: break;
    }
    return nullptr;
}

} // namespace synflow
