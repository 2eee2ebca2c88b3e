#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the Workday stand-in's fixtures: the tenant "gamma", site
# "GammaCareers", 47 postings in three listing pages of 20 (the later pages
# say "total": 0, as Workday's do) and one detail document per posting, in
# the shapes of /wday/cxs/TENANT/SITE/jobs and /wday/cxs/TENANT/SITE/job/...
# Run it again after changing it; the files are committed.
import json, os

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gamma")
places = [("Berlin, Germany", "Germany"), ("London, United Kingdom", "United Kingdom"),
          ("Austin, TX, United States of America", "United States of America"),
          ("Remote - Poland", "Poland"), ("Toronto, Canada", "Canada")]
times = ["Full time", "Part time"]

postings, details = [], {}
for n in range(1, 48):
    req = "JR%04d" % (1000 + n)
    title = "Platform Engineer %d" % n
    place, country = places[n % len(places)]
    slug = place.split(",")[0].replace(" ", "-")
    path = "/job/%s/Platform-Engineer-%d_%s" % (slug, n, req)
    posted = "Posted %d Days Ago" % (n % 29 + 2)
    locations_text = place
    info = {
        "id": "a%030x" % n,
        "title": title,
        "jobDescription": "<p>Build the platform that %d teams rely on.</p><ul><li>Go</li><li>Kubernetes</li></ul>" % n,
        "location": place,
        "postedOn": posted,
        "startDate": "2026-11-%02d" % (n % 28 + 1),
        "timeType": times[n % 2],
        "jobReqId": req,
        "jobPostingId": path.rsplit("/", 1)[1],
        "jobPostingSiteId": "GammaCareers",
        "country": {"descriptor": country, "id": "c%d" % n},
        "canApply": True,
        "posted": True,
        "includeResumeParsing": True,
        "externalUrl": "https://gamma.wd5.myworkdayjobs.com/GammaCareers" + path,
        "questionnaireId": "q%d" % n,
    }
    if n == 1:
        title = info["title"] = "Senior Backend Engineer"
        path = "/job/Berlin/Senior-Backend-Engineer_JR1001"
        info["jobPostingId"] = "Senior-Backend-Engineer_JR1001"
        info["externalUrl"] = "https://gamma.wd5.myworkdayjobs.com/GammaCareers" + path
        posted = "Posted 3 Days Ago"
        locations_text = "2 Locations"
        info.update({
            "location": "Berlin, Germany",
            "additionalLocations": ["Munich, Germany"],
            "remoteType": "Hybrid",
            "startDate": "2026-11-20",
            "timeType": "Full time",
            "country": {"descriptor": "Germany", "id": "dcc5b7608d8644b3a93716604e78e995"},
            "jobDescription": "<p><b>About the team</b></p><script>alert(1)</script>"
                              "<p>You will own our <a href=\"https://gamma.example/api\">public API</a>.</p>"
                              "<ul><li>Rust or Go</li><li>PostgreSQL</li></ul>",
            "postedOn": "Posted 3 Days Ago",
        })
    elif n == 2:
        title = info["title"] = "Data Analyst"
        path = "/job/Remote---USA/Data-Analyst_JR1002"
        info["jobPostingId"] = "Data-Analyst_JR1002"
        posted = "Posted Yesterday"
        locations_text = "Remote - USA"
        del info["startDate"]
        info.update({"location": "Remote - USA", "additionalLocations": ["New York, NY"],
                     "country": {"descriptor": "United States of America", "id": "bc33aa3152ec42d4995f4791a106ed09"},
                     "postedOn": "Posted Yesterday", "timeType": "Part time"})
    elif n == 3:
        # Its detail answers 500 in the tests: the listing is all there is.
        title = info["title"] = "Site Reliability Engineer"
        path = "/job/London/Site-Reliability-Engineer_JR1003"
        posted = "Posted Today"
        locations_text = "London, United Kingdom"
    elif n == 4:
        title = info["title"] = "Engineering Manager"
        path = "/job/Toronto/Engineering-Manager_JR1004"
        posted = "Posted 30+ Days Ago"
        locations_text = "Toronto, Canada"
        info["postedOn"] = posted
        info["startDate"] = "2026-09-14"
    elif n == 5:
        # No absolute date in the detail: "Posted 5 Days Ago" it is.
        title = info["title"] = "QA Engineer"
        path = "/job/Austin/QA-Engineer_JR1005"
        posted = "Posted 5 Days Ago"
        info["postedOn"] = posted
        del info["startDate"]
    postings.append({"title": title, "externalPath": path, "locationsText": locations_text,
                     "postedOn": posted, "bulletFields": [req]})
    details[path] = {
        "jobPostingInfo": info,
        "hiringOrganization": {"name": "Gamma Technologies", "url": ""},
        "similarJobs": [],
        "userAuthenticated": False,
    }

facets = [{"facetParameter": "locationMainGroup", "values": [
    {"facetParameter": "locations", "descriptor": "Locations", "values": [
        {"descriptor": "Berlin, Germany", "id": "f1", "count": 10}]}]}]
for i, offset in enumerate((0, 20, 40)):
    page = {"total": 47 if offset == 0 else 0, "jobPostings": postings[offset:offset + 20],
            "facets": facets if offset == 0 else [], "userAuthenticated": False}
    with open(os.path.join(here, "jobs-%d.json" % offset), "w") as f:
        json.dump(page, f, indent=1, ensure_ascii=False)
        f.write("\n")
with open(os.path.join(here, "details.json"), "w") as f:
    json.dump(details, f, indent=1, ensure_ascii=False)
    f.write("\n")
