#pragma once
#include <toml++/toml.h>
#include <string>
#include <string_view>

#include "scenario/parameter_table.hpp"
#include "util/expected.hpp"

// Reading one TOML value as a table parameter, with the type rules of docs/scenarios.md:
// a real takes an integer or a float literal; an integer takes only an integer literal (3.0 is
// refused: TOML tells the two apart and so does kopa); a boolean takes true or false; a choice
// takes one of its names as a string. The value must then lie in the parameter's range.
namespace kopa {

// The value as a double (booleans 0/1, choices their index), or the message saying what is wrong.
Expected<double> read_parameter_value(const ParameterSpec& spec, const toml::node& node);

// How a value reads in a message: 3.5, "abc", true, an array, a table.
std::string describe_node(const toml::node& node);

// A TOML basic string: quoted, with escapes.
std::string toml_quote(std::string_view text);

// The dotted key assigned on 1-based `line` of a TOML `text`, prefixed by the table header above
// it ("levers.seed_funding.budget_per_year"), or "" when the line assigns nothing. For syntax
// errors, which TOML parsers report by place only (a huge integer literal names no key).
std::string key_on_line(std::string_view text, int line);

// A number for people: integers without a decimal point, others in the shortest round-trip form.
std::string display_number(double value);

}  // namespace kopa
