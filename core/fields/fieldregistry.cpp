#include "fields/fieldregistry.h"

#include "fields/fieldtable.h"

#include <cstdio>
#include <cstdlib>
#include <map>

namespace synflow {
namespace {

struct Registry {
    std::vector<Field> fields;
    std::map<std::string, size_t, std::less<>> byName;

    Registry()
    {
        fieldtable::Table t(fields);
        fieldtable::addFrameFields(t);
        fieldtable::addLinkFields(t);
        fieldtable::addIpFields(t);
        fieldtable::addTransportFields(t);
        fieldtable::addTcpFields(t);
        fieldtable::addTcpAnalysisFields(t);
        fieldtable::addColumnFields(t);
        fieldtable::addAppFields(t);
        for (size_t i = 0; i < fields.size(); ++i)
            if (!byName.emplace(fields[i].name, i).second) {
                std::fprintf(stderr, "synflow: field %s registered twice\n", fields[i].name.c_str());
                std::abort();
            }
    }
};

const Registry& registry()
{
    static const Registry r;
    return r;
}

} // namespace

const std::vector<Field>& allFields() { return registry().fields; }

const Field* findField(std::string_view name)
{
    const Registry& r = registry();
    const auto it = r.byName.find(name);
    return it == r.byName.end() ? nullptr : &r.fields[it->second];
}

const Field* findColumnField(std::string_view name)
{
    static constexpr std::string_view columns = "_ws.col.";
    if (name.substr(0, columns.size()) != columns)
        return findField(name);
    std::string lower(name);
    for (char& c : lower)
        c = char(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return findField(lower);
}

const Field& field(std::string_view name)
{
    if (const Field* f = findField(name))
        return *f;
    std::fprintf(stderr, "synflow: no field named %.*s\n", int(name.size()), name.data());
    std::abort();
}

} // namespace synflow
