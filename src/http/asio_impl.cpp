// The one translation unit that compiles Asio and Beast (separate
// compilation keeps every other file from re-instantiating them).
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
