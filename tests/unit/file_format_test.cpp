// The file formats as stored (docs/output-format.md): format 2.0 holds no variable-length
// strings and checksums every dataset; readers still read format 1.0 (the samples in
// tests/data/ were written by kopa before 2.0); a metric of the wrong shape or type, or a
// damaged byte, is refused with a message rather than misread.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../tools/sample_results.hpp"
#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "io/hdf5.hpp"
#include "io/results_format.hpp"
#include "io/results_reader.hpp"
#include "io/results_writer.hpp"
#include "io/sweep_reader.hpp"
#include "test_folder.hpp"

namespace kopa::io {
namespace {
namespace fs = std::filesystem;
using sample::sample_headers;
using sample::sample_run;
using sample::sample_value;

const fs::path data_folder = fs::path(KOPA_SOURCE_DIR) / "tests" / "data";

class FileFormat : public testing::TestFolder {
 protected:
  fs::path write_sample() {
    const fs::path target = folder_ / "results.h5";
    const auto headers = sample_headers();
    auto writer = ResultsWriter::create(target, false, {"kopa run", 1}, headers);
    EXPECT_TRUE(writer) << writer.error().message;
    for (std::size_t s = 0; s < headers.size(); ++s) {
      for (int r = 0; r < headers[s].replicates; ++r) {
        EXPECT_TRUE(writer->write_run(s, r, sample_run(headers[s], s, r)));
      }
    }
    EXPECT_TRUE(writer->finish(RunStatus::complete));
    return target;
  }

  // Runs `change` on the file opened for writing.
  template <class Change>
  static void alter(const fs::path& path, Change change) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    change(file);
    H5Fclose(file);
  }
};

int kopa(std::vector<std::string> args, std::string* err = nullptr) {
  std::ostringstream out, errors;
  const int code = run_cli(args, out, errors);
  if (err) *err = errors.str();
  return code;
}

// Every object and attribute of a file, checked by `check_type` (attributes) and
// `check_dataset`.
struct Walk {
  std::vector<std::string> variable_strings;  // where a variable-length string was found
  std::vector<std::string> unchecksummed;     // non-empty datasets without Fletcher-32
  std::size_t datasets = 0;
};

herr_t visit_attribute(hid_t object, const char* name, const H5A_info_t*, void* data) {
  auto& walk = *static_cast<Walk*>(data);
  const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
  const hid_t type = H5Aget_type(attribute);
  if (H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) > 0) {
    walk.variable_strings.push_back(std::string("attribute ") + name);
  }
  H5Tclose(type);
  H5Aclose(attribute);
  return 0;
}

herr_t visit_object(hid_t root, const char* name, const H5O_info_t* info, void* data) {
  auto& walk = *static_cast<Walk*>(data);
  const hid_t object = H5Oopen(root, name, H5P_DEFAULT);
  H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, nullptr, visit_attribute, data);
  if (info->type == H5O_TYPE_DATASET) {
    ++walk.datasets;
    const hid_t type = H5Dget_type(object);
    if (H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) > 0) {
      walk.variable_strings.push_back(std::string("dataset ") + name);
    }
    H5Tclose(type);
    const hid_t space = H5Dget_space(object);
    const bool empty = H5Sget_simple_extent_npoints(space) == 0;
    H5Sclose(space);
    const hid_t plist = H5Dget_create_plist(object);
    bool checksummed = false;
    for (int i = 0; i < H5Pget_nfilters(plist); ++i) {
      unsigned flags = 0;
      std::size_t count = 0;
      char filter_name[64];
      if (H5Pget_filter2(plist, static_cast<unsigned>(i), &flags, &count, nullptr,
                         sizeof filter_name, filter_name, nullptr) == H5Z_FILTER_FLETCHER32) {
        checksummed = true;
      }
    }
    H5Pclose(plist);
    if (!empty && !checksummed) walk.unchecksummed.push_back(name);
  }
  H5Oclose(object);
  return 0;
}

Walk walk_file(const fs::path& path) {
  Walk walk;
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_GE(file, 0);
  H5Ovisit(file, H5_INDEX_NAME, H5_ITER_INC, visit_object, &walk);
  H5Fclose(file);
  return walk;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += item + "; ";
  return text;
}

TEST_F(FileFormat, ResultsFilesHoldNoVariableLengthStringsAndChecksumEveryDataset) {
  const Walk walk = walk_file(write_sample());
  EXPECT_GT(walk.datasets, 100u);
  EXPECT_TRUE(walk.variable_strings.empty()) << joined(walk.variable_strings);
  EXPECT_TRUE(walk.unchecksummed.empty()) << joined(walk.unchecksummed);
}

TEST_F(FileFormat, SweepFilesHoldNoVariableLengthStringsAndChecksumEveryDataset) {
  const fs::path sweep = folder_ / "small.toml";
  std::ofstream(sweep) << "[sweep]\nbase = \""
                       << (fs::path(KOPA_SOURCE_DIR) / "scenarios" / "baseline.toml").string()
                       << "\"\nreplicates = 1\ndesign = \"grid\"\n[sweep.set]\n"
                       << "\"simulation.founders\" = 100\n\"simulation.months\" = 3\n"
                       << "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\n"
                       << "values = [100000.0, 200000.0]\n";
  const fs::path out = folder_ / "sweep.h5";
  ASSERT_EQ(kopa({"sweep", sweep.string(), "-o", out.string(), "-t", "1", "--quiet"}), exit_ok);
  const Walk walk = walk_file(out);
  EXPECT_GT(walk.datasets, 50u);
  EXPECT_TRUE(walk.variable_strings.empty()) << joined(walk.variable_strings);
  EXPECT_TRUE(walk.unchecksummed.empty()) << joined(walk.unchecksummed);
}

// tests/data/results-1.0.h5 was written by kopa_write_sample_results before format 2.0: the
// sample of tests/tools/sample_results.hpp, every replicate done.
TEST(Format10, ResultsSampleStillReadsValueForValue) {
  auto reader = ResultsReader::open(data_folder / "results-1.0.h5");
  ASSERT_TRUE(reader) << reader.error().message;
  const ResultsFile& file = reader->contents();
  EXPECT_EQ(file.format_version, "1.0");
  EXPECT_EQ(file.status, RunStatus::complete);
  const auto headers = sample_headers();
  ASSERT_EQ(file.scenarios.size(), headers.size());
  for (std::size_t s = 0; s < headers.size(); ++s) {
    const ScenarioContents& got = file.scenarios[s];
    EXPECT_EQ(got.header.name, headers[s].name);
    EXPECT_EQ(got.header.description, headers[s].description);
    EXPECT_EQ(got.header.scenario_toml, headers[s].scenario_toml);
    EXPECT_EQ(got.header.labels.labels, headers[s].labels.labels);  // UTF-8 labels included
    EXPECT_EQ(got.header.replicate_seeds, headers[s].replicate_seeds);
    EXPECT_EQ(got.done_replicates(), (std::vector<int>{0, 1, 2}));
    ASSERT_FALSE(got.metrics.empty());
    // Metric m of the file is the m-th of the catalog it was written with.
    for (std::size_t m = 0; m < got.metrics.size(); ++m) {
      const auto array = reader->read_metric(s, got.metrics[m]);
      ASSERT_TRUE(array) << array.error().message;
      for (int r = 0; r < 3; ++r) {
        for (std::size_t l = 0; l < array->width; ++l) {
          ASSERT_EQ(array->at(r, 4, l), sample_value(s, r, m, 4, l)) << got.metrics[m];
        }
      }
    }
  }
  EXPECT_EQ(kopa({"compare", (data_folder / "results-1.0.h5").string()}), exit_ok);
}

// tests/data/sweep-1.0.h5: a 3-point lhs sweep of the baseline, 2 replicates of 6 months, written
// by kopa sweep before format 2.0.
TEST(Format10, SweepSampleStillReads) {
  auto reader = SweepReader::open(data_folder / "sweep-1.0.h5");
  ASSERT_TRUE(reader) << reader.error().message;
  const SweepContents& c = reader->contents();
  EXPECT_EQ(c.format_version, "1.0");
  EXPECT_EQ(c.status, RunStatus::complete);
  EXPECT_EQ(c.header.design, "lhs");
  EXPECT_EQ(c.points(), 3u);
  EXPECT_EQ(c.header.replicates, 2);
  EXPECT_EQ(c.header.months, 6);
  ASSERT_EQ(c.header.factors.size(), 1u);
  EXPECT_EQ(c.header.factors[0].path, "levers.seed_funding.budget_per_year");
  EXPECT_NE(c.header.sweep_toml.find("samples = 3"), std::string::npos);
  EXPECT_FALSE(c.header.labels.labels[static_cast<std::size_t>(Breakdown::region)].empty());
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_EQ(c.done_replicates(p), (std::vector<int>{0, 1}));
    EXPECT_GE(c.header.points[p][0], 100000.0);
    EXPECT_LE(c.header.points[p][0], 2000000.0);
  }
  const auto population = reader->read_metric("population_by_group");
  ASSERT_TRUE(population) << population.error().message;
  double founders = 0;
  for (std::size_t g = 0; g < population->width; ++g) founders += population->at(2, 1, 5, g);
  EXPECT_EQ(founders, 200.0);  // simulation.founders of the sample
  EXPECT_EQ(kopa({"compare", (data_folder / "sweep-1.0.h5").string()}), exit_ok);
}

TEST_F(FileFormat, AMetricOfTheWrongShapeIsRefusedNamingBothShapes) {
  const fs::path path = write_sample();
  alter(path, [](hid_t file) {
    H5Ldelete(file, "scenarios/baseline/public_cost", H5P_DEFAULT);
    const hsize_t dims[3] = {3, 5, 3};
    const hid_t space = H5Screate_simple(3, dims, nullptr);
    const hid_t data = H5Dcreate2(file, "scenarios/baseline/public_cost", H5T_IEEE_F64LE, space,
                                  H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(data);
    H5Sclose(space);
  });
  const auto read = read_results(path);
  ASSERT_FALSE(read);
  const std::string& message = read.error().message;
  EXPECT_NE(message.find("'public_cost' is shaped [3, 5, 3]"), std::string::npos) << message;
  EXPECT_NE(message.find("[replicate, month] = [3, 5]"), std::string::npos) << message;
  std::string err;
  EXPECT_EQ(kopa({"compare", path.string()}, &err), exit_bad_input);
  EXPECT_NE(err.find("public_cost"), std::string::npos) << err;
}

TEST_F(FileFormat, AMetricOfIntegersIsRefused) {
  const fs::path path = write_sample();
  alter(path, [](hid_t file) {
    H5Ldelete(file, "scenarios/seed_funding/founders_sustained", H5P_DEFAULT);
    const hsize_t dims[2] = {3, 5};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t data = H5Dcreate2(file, "scenarios/seed_funding/founders_sustained", H5T_STD_I32LE,
                                  space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(data);
    H5Sclose(space);
  });
  const auto read = read_results(path);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("'founders_sustained' should hold 64-bit floats"),
            std::string::npos)
      << read.error().message;
}

// A flipped bit in the stored `done` mask used to mark a finished replicate undone (or a missing
// one done) without a word; the checksum now catches it.
TEST_F(FileFormat, ADamagedByteIsAnErrorNotAWrongValue) {
  const fs::path path = write_sample();
  haddr_t address = HADDR_UNDEF;
  {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t done = H5Dopen2(file, "scenarios/seed_funding/done", H5P_DEFAULT);
    hsize_t offset[1] = {0};
    unsigned filter_mask = 0;
    hsize_t size = 0;
    if (H5Dget_chunk_info_by_coord(done, offset, &filter_mask, &address, &size) < 0) {
      address = H5Dget_offset(done);  // contiguous, as format 1.0 stored it
    }
    H5Dclose(done);
    H5Fclose(file);
  }
  ASSERT_NE(address, HADDR_UNDEF);
  {
    std::fstream bytes(path, std::ios::in | std::ios::out | std::ios::binary);
    bytes.seekg(static_cast<std::streamoff>(address));
    char first = 0;
    bytes.read(&first, 1);
    ASSERT_EQ(first, 1);  // replicate 0 is done
    first ^= 1;
    bytes.seekp(static_cast<std::streamoff>(address));
    bytes.write(&first, 1);
  }
  const auto read = read_results(path);
  ASSERT_FALSE(read) << "the damaged mask was read as done = " << int(read->scenarios[1].done[0]);
  EXPECT_NE(read.error().message.find("'done'"), std::string::npos) << read.error().message;
}

TEST_F(FileFormat, ATruncatedFileIsCalledTruncatedOrDamaged) {
  const fs::path path = write_sample();
  fs::resize_file(path, fs::file_size(path) / 2);
  std::string err;
  EXPECT_EQ(kopa({"compare", path.string()}, &err), exit_bad_input);
  EXPECT_NE(err.find("truncated or damaged"), std::string::npos) << err;
  EXPECT_EQ(err.find("not an HDF5 file"), std::string::npos) << err;
}

TEST_F(FileFormat, OnlyRegularFilesAreRead) {
  std::string err;
  EXPECT_EQ(kopa({"compare", "/dev/zero"}, &err), exit_bad_input);
  EXPECT_NE(err.find("not a regular file"), std::string::npos) << err;
  const fs::path fifo = folder_ / "fifo.h5";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(kopa({"compare", fifo.string()}, &err), exit_bad_input);  // and does not block
  EXPECT_NE(err.find("not a regular file"), std::string::npos) << err;
}

}  // namespace
}  // namespace kopa::io
