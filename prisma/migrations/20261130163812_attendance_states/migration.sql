-- AlterTable
ALTER TABLE "LeaveRequest" ADD COLUMN "withdrawnAt" DATETIME;


-- Rules A6, L5: Attendance now holds every person's state, not only presence and approved
-- leave. Rows that an answer or a leave request would have made under the new code are added
-- for what was recorded before (an existing row, such as a sign-in, is left as it is).
INSERT INTO "Attendance" ("orgId", "activityId", "personId", "status", "method", "createdAt", "updatedAt")
SELECT "orgId", "activityId", "personId",
       CASE "status" WHEN 'pending' THEN 'leave_pending' WHEN 'approved' THEN 'leave' ELSE 'leave_rejected' END,
       'leave', "createdAt", "createdAt"
FROM "LeaveRequest" WHERE "status" IN ('pending', 'approved', 'rejected')
ON CONFLICT ("activityId", "personId") DO NOTHING;

INSERT INTO "Attendance" ("orgId", "activityId", "personId", "status", "method", "createdAt", "updatedAt")
SELECT "orgId", "activityId", "personId", 'attending', 'answer', "answeredAt", "answeredAt"
FROM "Rsvp" WHERE "answer" = 'attend'
ON CONFLICT ("activityId", "personId") DO NOTHING;
